"""Categories and case groups in GIFT and Moodle XML.

A category path names a law (any segment that is a law's name or slug) and tags (the other segments). A
"description" item (text shown, nothing to answer) starts a case group: the questions after it in the same
category are its sub-questions. That is how the exporters write case groups, and how Moodle users put a
shared scenario before its questions.
"""

from __future__ import annotations

from quizkit.interop.choices import category_parts
from quizkit.interop.citation import law_slug
from quizkit.interop.source import Draft, Parsed


class Grouper:
    """Receives items in file order and files them into ``parsed.drafts``."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.law: str | None = None
        self.tags: list[str] = []
        self.case: Draft | None = None

    def category(self, path: str) -> None:
        parts = category_parts(path)
        laws = [slug for slug in (law_slug(part) for part in parts) if slug]
        self.law = laws[0] if laws else None
        self.tags = [part for part in parts if law_slug(part) is None]
        self.case = None

    def description(self, draft: Draft, name: str) -> None:
        """A scenario: starts a case group (its category segment is not a tag)."""
        if self.tags and self.tags[-1] in (name, draft.data.get("id")):
            self.tags = self.tags[:-1]
        draft.law = self.law
        self.parsed.drafts.append(draft)
        self.case = draft

    def question(self, draft: Draft) -> None:
        draft.law = draft.law or self.law
        tags = draft.data.setdefault("tags", [])
        draft.data["tags"] = [*[t for t in self.tags if t not in tags], *tags]
        if self.case is not None:
            self.case.children.append(draft)
        else:
            self.parsed.drafts.append(draft)
