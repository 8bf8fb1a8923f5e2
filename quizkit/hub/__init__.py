"""quizkit on a shared JupyterHub: who may sign in, how each cadre's server is isolated, and the
files ``quizkit hub init`` writes and ``quizkit hub start`` runs (see docs/deploy-hub.md).

Importing this package costs nothing: the JupyterHub classes (:mod:`quizkit.hub.authenticator`,
:mod:`quizkit.hub.spawning`) load only inside the hub process, and :mod:`quizkit.hub.guard` is the
kernel-side check the exam path calls.
"""
