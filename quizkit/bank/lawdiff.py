"""Aligning two versions of a law article by article, by text similarity (revisions renumber).

The fate of each old article:

- ``kept``     the same number and the same words;
- ``changed``  the same number, other words;
- ``moved``    the closest new article has another number (its words may have changed too);
- ``vanished`` no new article is similar enough (similarity below ``MATCH_THRESHOLD``).

Similarity is difflib's ratio over the article bodies without the "第X条" heading, white space and
punctuation (a comma turned into a semicolon is not a change of rule). Matching runs in three passes:
identical bodies first, then the most similar remaining pairs one to one (so a split article keeps
its closest half), then any article still unmatched to its closest new article if similar enough
(two old articles merged into one new one). The threshold was chosen on the two real revisions in
../shared/laws-history: true matches score 0.49 and up, unrelated articles 0.47 and below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Literal

Fate = Literal["kept", "changed", "moved", "vanished"]

MATCH_THRESHOLD = 0.45
MIN_PARAGRAPH_CHARS = 20
_HEADING = re.compile(r"^第[零一二三四五六七八九十百]+条[\s\u3000]*")
_NOISE = re.compile(r"[\s\u3000，。；：、（）“”‘’《》〈〉！？,.;:()\"'\-—]")


@dataclass(frozen=True)
class ArticleFate:
    """What became of one old article: its fate, the new number (None when vanished), similarity."""

    old: int
    fate: Fate
    new: int | None
    similarity: float

    @property
    def affected(self) -> bool:
        return self.fate != "kept"


def body(article: str) -> str:
    """An article's text without its "第X条" heading."""
    return _HEADING.sub("", article, count=1)


def _normalised(article: str) -> str:
    return _NOISE.sub("", body(article))


def _units(article: str) -> list[str]:
    """The normalised article, then each of its paragraphs worth comparing on their own (an
    enumerated item such as "（一）受理申请" is too short: it would resemble half the law)."""
    paragraphs = [_NOISE.sub("", part) for part in body(article).split("\n")]
    whole = "".join(paragraphs)
    parts = [part for part in paragraphs if len(part) >= MIN_PARAGRAPH_CHARS]
    return [whole, *parts] if len(paragraphs) > 1 else [whole]


def _score(matcher: SequenceMatcher[str], old: list[str], new: list[str], floor: float) -> float:
    """The ratio of the whole articles, or better: a whole article against one of the other's
    paragraphs (an article split in two, or merged into another as one paragraph)."""
    matcher.set_seqs(new[0], old[0])
    best = matcher.ratio()
    pairs = [(old[0], unit) for unit in new[1:]] + [(unit, new[0]) for unit in old[1:]]
    for old_unit, new_unit in pairs:
        matcher.set_seqs(new_unit, old_unit)
        if matcher.real_quick_ratio() > max(best, floor) and matcher.quick_ratio() > max(
            best, floor
        ):
            best = max(best, matcher.ratio())
    return best


def _similarities(
    old: Mapping[int, str], new: Mapping[int, str], threshold: float
) -> dict[tuple[int, int], float]:
    """Similarity of every (old, new) pair (paragraphs are compared only where they could reach
    ``threshold``)."""
    new_units = {number: _units(text) for number, text in new.items()}
    matcher: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)  # keep 的, 和
    scores: dict[tuple[int, int], float] = {}
    for old_number, old_text in old.items():
        old_units = _units(old_text)
        for new_number, units in new_units.items():
            scores[old_number, new_number] = _score(matcher, old_units, units, threshold)
    return scores


def _fate(old: int, new: int, same_words: bool, similarity: float) -> ArticleFate:
    if new != old:
        return ArticleFate(old, "moved", new, similarity)
    return ArticleFate(old, "kept" if same_words else "changed", new, similarity)


def align_articles(
    old: Mapping[int, str], new: Mapping[int, str], threshold: float = MATCH_THRESHOLD
) -> dict[int, ArticleFate]:
    """The fate of every old article (by old number, in order)."""
    matched: dict[int, ArticleFate] = {}
    taken: set[int] = set()
    by_body = {body(text): number for number, text in sorted(new.items(), reverse=True)}
    for number, text in old.items():
        twin = by_body.get(body(text))
        if twin is not None and twin not in taken:
            matched[number] = _fate(number, twin, True, 1.0)
            taken.add(twin)
    rest_old = {n: t for n, t in old.items() if n not in matched}
    rest_new = {n: t for n, t in new.items() if n not in taken}
    scores = _similarities(rest_old, new, threshold)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], abs(item[0][0] - item[0][1])))
    for (old_number, new_number), score in ranked:
        if score < threshold:
            break
        if old_number not in matched and new_number in rest_new and new_number not in taken:
            matched[old_number] = _fate(old_number, new_number, False, score)
            taken.add(new_number)
    for old_number in rest_old:
        if old_number in matched:
            continue
        best = max(new, key=lambda n: (scores[old_number, n], -abs(n - old_number)), default=None)
        if best is not None and scores[old_number, best] >= threshold:
            matched[old_number] = _fate(old_number, best, False, scores[old_number, best])
        else:
            closest = scores[old_number, best] if best is not None else 0.0
            matched[old_number] = ArticleFate(old_number, "vanished", None, closest)
    return {number: matched[number] for number in sorted(matched)}


def text_slug(path: Path) -> str | None:
    """The ``slug:`` of a law text's front matter (None when it has none)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for line in lines[1:]:
        if line.strip() == "---":
            break
        key, _, value = line.partition(":")
        if key.strip() == "slug" and value.strip():
            return value.strip().strip("'\"")
    return None


__all__ = ["MATCH_THRESHOLD", "ArticleFate", "Fate", "align_articles", "body", "text_slug"]
