"""The kernel's client of the grading service (``quizkit serve``) and the wire format both share.

``quizkit.project.Project.backend()`` returns a :class:`ServiceBackend` when the settings name a
service (``QUIZKIT_SERVICE_URL``, set for every kernel by the hub's spawner), else the local store.
"""

from quizkit.service_client.client import TOKEN_VARIABLE, ServiceBackend

__all__ = ["TOKEN_VARIABLE", "ServiceBackend"]
