"""Rosters written and read back keep every character: quotes, commas, newlines, emoji, 𠈌, full-width forms.

Export → import → export must give the same people and the same bytes; a quote that doubled on each trip
(the CSV dialect was sniffed from the header line alone) fails here.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st

from quizkit.interop.roster import read_roster, write_roster
from quizkit.records import CadreRecord

# the awkward ones: CSV syntax, formula starters, emoji, a CJK Extension B character, full-width forms
AWKWARD = "\"',;\t\n=+-@😀👨\u200d👩𠈌，＂＇＝＋１２Ａｂ　张三城关镇"
_TEXT = st.text(
    alphabet=st.sampled_from(AWKWARD)
    | st.characters(codec="utf-8", categories=("L", "N", "P", "S")),
    max_size=12,
).map(str.strip)
_SOME = _TEXT.filter(bool)


@st.composite
def cadres(draw: st.DrawFn) -> list[CadreRecord]:
    ids = draw(
        st.lists(
            _SOME.map(lambda text: unicodedata.normalize("NFKC", text).strip()).filter(bool),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    logins = draw(st.lists(_SOME, min_size=len(ids), max_size=len(ids), unique=True))
    people = []
    for number, cadre_id in enumerate(ids):
        reason = draw(_TEXT)
        people.append(
            CadreRecord(
                id=cadre_id,
                name=draw(_SOME),
                unit=draw(_SOME),
                position=draw(_TEXT),
                phone=draw(_TEXT),
                exempt=bool(reason) or draw(st.booleans()),
                exempt_reason=reason,
                login=logins[number] if draw(st.booleans()) else None,
                active=draw(st.booleans()),
            )
        )
    return people


@settings(max_examples=40, deadline=None)
@given(people=cadres(), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_every_character_survives_export_and_import(people: list[CadreRecord], suffix: str) -> None:
    units = {person.unit for person in people}
    parents = {unit: f"{unit}上级" for unit in sorted(units)[:1]}
    parents = {unit: parent for unit, parent in parents.items() if parent not in units}
    with TemporaryDirectory() as folder:
        first = write_roster(people, parents, Path(folder) / f"a{suffix}")
        roster = read_roster(first)
        assert roster.problems == [], [str(p) for p in roster.problems]
        assert [entry.record for entry in roster.entries] == people
        assert {e.record.unit: e.parent for e in roster.entries if e.parent} == parents
        again = write_roster(
            [e.record for e in roster.entries], parents, Path(folder) / f"b{suffix}"
        )
        if suffix == ".csv":
            assert again.read_bytes() == first.read_bytes()


def test_a_quoted_field_does_not_double_on_each_trip(tmp_path: Path) -> None:
    person = CadreRecord("001", '张"三', "城关镇", '科员"二级"', exempt_reason="")
    path = write_roster([person], {}, tmp_path / "r.csv")
    for _ in range(3):
        back = [entry.record for entry in read_roster(path).entries]
        assert back == [person]
        path = write_roster(back, {}, path)


def test_csv_cells_that_would_run_as_formulas_are_neutralised(tmp_path: Path) -> None:
    person = CadreRecord(
        "001", '=HYPERLINK("http://x","点我")', "城关镇", "@SUM(A1)", "+8613800138000"
    )
    path = write_roster([person], {}, tmp_path / "r.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert '\'=HYPERLINK("http://x","点我")' in cells
    assert [entry.record for entry in read_roster(path).entries] == [person]
