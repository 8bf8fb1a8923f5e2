"""Who is calling: the hub's answer about the caller's token, never a name the kernel sends.

``HubCallers`` asks JupyterHub (``jupyterhub.services.auth.HubAuth``) about the token in the
``Authorization`` header; the answer is cached for a minute (HubAuth's cache), so an autosave costs no
hub request. A token the hub does not know is 401; a known token without access to this service (the
``access:services!service=<name>`` scope) is 403. Trainers are hub admins or members of the trainer
group (``QUIZKIT_TRAINER_GROUP``, default ``trainers``).

Unit tests replace this with a table of tokens (``StaticCallers``); nothing else does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from tornado.web import HTTPError, RequestHandler

from quizkit.service.desk import Caller

TRAINER_GROUP = "trainers"


class Callers(Protocol):
    async def identify(self, handler: RequestHandler) -> Caller:
        """The caller of this request; HTTPError 401 (unknown) or 403 (no access)."""
        ...


def caller_from_model(model: Mapping[str, Any], trainer_group: str) -> Caller:
    """A hub user model (``GET /hub/api/user``) as a Caller."""
    if model.get("kind", "user") != "user" or not isinstance(model.get("name"), str):
        raise HTTPError(403, "only hub users may call this service")
    groups = model.get("groups") or []
    trainer = model.get("admin") is True or trainer_group in groups
    return Caller(login=model["name"], trainer=trainer)


class HubCallers:
    """Callers as the hub knows them (the environment the hub gives a managed service)."""

    def __init__(self, trainer_group: str = TRAINER_GROUP, cache_max_age: int = 60) -> None:
        from jupyterhub.services.auth import HubAuth  # type: ignore[import-untyped, unused-ignore]

        self.auth = HubAuth(cache_max_age=cache_max_age)
        self.trainer_group = trainer_group

    async def identify(self, handler: RequestHandler) -> Caller:
        model = await self.auth.get_user(handler, sync=False)
        if model is None:
            raise HTTPError(401, "no valid hub token")
        if not self.auth.check_scopes(self.auth.access_scopes, model):
            raise HTTPError(403, "this token has no access to the grading service")
        return caller_from_model(model, self.trainer_group)


class StaticCallers:
    """Unit tests only: a fixed table of token → Caller."""

    def __init__(self, tokens: Mapping[str, Caller]) -> None:
        self.tokens = dict(tokens)

    async def identify(self, handler: RequestHandler) -> Caller:
        header = handler.request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        caller = self.tokens.get(token.strip()) if scheme.lower() in ("token", "bearer") else None
        if caller is None:
            raise HTTPError(401, "no valid token")
        return caller


__all__ = ["TRAINER_GROUP", "Callers", "HubCallers", "StaticCallers", "caller_from_model"]
