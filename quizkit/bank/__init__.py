"""The question bank: load, check and select (the only place that parses YAML)."""

from quizkit.bank.course import Course, Lesson, Track, load_course
from quizkit.bank.loader import Bank, Entry, bank_files, load_bank, load_project_bank, read_bank
from quizkit.bank.models import BankFile, CaseGroup, Citation, NamedQuiz, Question
from quizkit.bank.selection import QuizBlock, QuizSpec, named_quiz, quiz_from_ids, select_quiz

__all__ = [
    "Bank",
    "BankFile",
    "CaseGroup",
    "Citation",
    "Course",
    "Entry",
    "Lesson",
    "NamedQuiz",
    "Question",
    "QuizBlock",
    "QuizSpec",
    "Track",
    "bank_files",
    "load_bank",
    "load_course",
    "load_project_bank",
    "named_quiz",
    "quiz_from_ids",
    "read_bank",
    "select_quiz",
]
