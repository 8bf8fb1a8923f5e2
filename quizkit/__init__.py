"""quizkit: law-study quizzes, exams and score sheets for township cadres."""
