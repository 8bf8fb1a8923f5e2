"""``python -m quizkit.app``: serve the courses as pages for cadres (see quizkit.app.server)."""

from quizkit.app.server import main

main()
