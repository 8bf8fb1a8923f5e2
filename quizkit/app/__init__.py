"""App mode: the courses as plain pages for cadres (Voilà), beside JupyterLab for the trainer.

- :mod:`quizkit.app.server` starts Voilà over ``courses/`` with our template (Chinese, no code, no
  tracebacks, phone-sized), the course home as the start page and preheated kernels;
- :mod:`quizkit.app.cells` holds the template's Jinja filters (the page cell run before a notebook's
  own cells, the page title);
- ``share/voila/templates/quizkit`` is the template itself.

The kernel side lives in :mod:`quizkit.widgets.page` (it runs inside the lesson's kernel). Nothing
here is imported by a lesson; see docs/app-mode.md.
"""
