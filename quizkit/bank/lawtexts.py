"""Reading the reference law texts (../shared/laws): one article starts per line as "第X条 "."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from quizkit.laws import parse_chinese_number

_ARTICLE = re.compile(r"^第([零一二三四五六七八九十百]+)条[\s\u3000]")


@lru_cache(maxsize=32)
def read_articles(path: Path) -> dict[int, str]:
    """Article number → its whole text (all paragraphs, up to the next article or heading)."""
    articles: dict[int, str] = {}
    current: int | None = None
    in_front_matter = False
    for index, raw in enumerate(path.read_text(encoding="utf-8").splitlines()):
        line = raw.strip()
        if index == 0 and line == "---":
            in_front_matter = True
            continue
        if in_front_matter:
            in_front_matter = line != "---"
            continue
        if line.startswith("#"):
            current = None
            continue
        match = _ARTICLE.match(line)
        if match:
            current = parse_chinese_number(match.group(1))
            articles[current] = line
        elif current is not None and line:
            articles[current] += "\n" + line
    return articles


@lru_cache(maxsize=4)
def law_files(laws_dir: Path) -> dict[str, Path]:
    """Slug → text file, from the folder's index.yaml (laws without a file are left out)."""
    index_path = laws_dir / "index.yaml"
    with index_path.open(encoding="utf-8") as handle:
        index = yaml.safe_load(handle) or {}
    files: dict[str, Path] = {}
    for slug, entry in (index.get("laws") or {}).items():
        if isinstance(entry, dict) and entry.get("file"):
            files[str(slug)] = laws_dir / str(entry["file"])
    return files
