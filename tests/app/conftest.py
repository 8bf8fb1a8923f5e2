"""App-mode fixtures. Playwright with Debian's Chromium is the run's one `playwright` fixture in
tests/conftest.py (skipped with what to install when missing, except under CI=true)."""
