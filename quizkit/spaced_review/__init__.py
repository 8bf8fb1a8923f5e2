"""Spaced review (今日复习): an FSRS schedule replayed from the answer log, and its queues."""
