"""Rosters (花名册) from .xlsx and .csv: Chinese headers mapped, every row checked, nothing stored here.

Reading is pure: the result lists each person with the row they came from, and each problem with sheet,
row and column. :mod:`quizkit.interop.roster_plan` compares the result with the store and writes it.

Headers recognised (others can be mapped with ``--map 源列=姓名``):

| field         | header   | also accepted                          |
|---------------|----------|----------------------------------------|
| id            | 工号     | 编号, 人员编号, 工作证号               |
| name          | 姓名     | 名字                                   |
| unit          | 单位     | 所在单位, 工作单位, 部门, 单位名称     |
| parent        | 上级单位 | 所属乡镇, 上级                         |
| position      | 职务     | 职级, 职务职级, 职务/职级, 岗位        |
| phone         | 手机     | 手机号, 手机号码, 联系电话, 电话       |
| exempt        | 是否免考 | 免考                                   |
| exempt_reason | 免考原因 | 免考理由                               |
| login         | 登录名   | 账号, 用户名                           |
| active        | 状态     | 在册 (在册/停用)                       |
| track         | 学习路径 | 学习路线, 培训路径 (a track of courses/course.yaml) |

An empty 学习路径 leaves the cadre on the unit's default track (see docs/courses.md).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from quizkit.atomicfile import write_text
from quizkit.bank.course import track_key
from quizkit.csvsafe import neutralise
from quizkit.errors import ImportFormatError, QuizkitError
from quizkit.interop.encoding import read_text
from quizkit.interop.sheet import (
    Merge,
    Row,
    Table,
    csv_grid,
    load_xlsx,
    pick_sheet,
    read_table,
    sheet_grid,
)
from quizkit.interop.source import SourceProblem, cell_text
from quizkit.interop.xlsx_columns import Column, resolver
from quizkit.records import CadreRecord

ROSTER_COLUMNS = (
    Column("id", "工号", ("编号", "人员编号", "工作证号", "id")),
    Column("name", "姓名", ("名字", "name")),
    Column("unit", "单位", ("所在单位", "工作单位", "部门", "单位名称", "unit")),
    Column("parent", "上级单位", ("所属乡镇", "上级")),
    Column("position", "职务", ("职级", "职务职级", "职务/职级", "岗位", "position")),
    Column("phone", "手机", ("手机号", "手机号码", "联系电话", "电话", "phone")),
    Column("exempt", "是否免考", ("免考", "exempt")),
    Column("exempt_reason", "免考原因", ("免考理由",)),
    Column("login", "登录名", ("账号", "用户名", "login")),
    Column("active", "状态", ("在册",)),
    Column("track", "学习路径", ("学习路线", "培训路径", "track")),
)
_FIELDS = {column.field for column in ROSTER_COLUMNS}
_BY_HEADER = {column.header: column.field for column in ROSTER_COLUMNS}
_YES = {"是", "y", "yes", "1", "√", "✓", "true", "免考", "对"}
_NO = {"否", "n", "no", "0", "×", "false", "", "不免考", "错"}
_ACTIVE = {"在册": True, "正常": True, "启用": True, "": True, "停用": False, "离岗": False}
_FILL_DOWN = {"unit", "parent", "position", "exempt", "exempt_reason"}


@dataclass(frozen=True)
class RosterEntry:
    record: CadreRecord
    row: int
    parent: str | None = None
    numeric_id: bool = (
        False  # the 工号 cell is a number in the workbook (leading zeros may be gone)
    )


@dataclass
class RosterFile:
    """What a roster file says: people, with their rows; problems; the columns it has."""

    source: str
    sheet: str | None
    encoding: str | None
    entries: list[RosterEntry] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    columns: set[str] = field(default_factory=set)
    unknown: list[str] = field(default_factory=list)
    bad_rows: list[int] = field(default_factory=list)
    bad_ids: set[str] = field(default_factory=set)  # 工号 on bad rows: in the file, though not read


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """``["部门=单位", "人员编码=id"]`` → {source header: field}."""
    mapping = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        field_name = _BY_HEADER.get(target.strip(), target.strip())
        if not sep or not source.strip() or field_name not in _FIELDS:
            raise ImportFormatError(
                f"--map '{pair}' is not 源列=目标列",
                hint=f"the target is one of: {', '.join(_BY_HEADER)} (e.g. --map 部门=单位)",
            )
        mapping[source.strip()] = field_name
    return mapping


def _grid(
    path: Path, sheet: str | None, encoding: str | None
) -> tuple[list[list[Any]], list[Merge], str | None, str | None]:
    """(cells, merged ranges, sheet title, encoding used) of an .xlsx or .csv file."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        worksheet = pick_sheet(load_xlsx(path), path, sheet)
        grid, merges = sheet_grid(worksheet)
        return grid, merges, worksheet.title, None
    if suffix in (".csv", ".txt"):
        text, name = read_text(path.as_posix(), path.read_bytes(), encoding)
        return [list(row) for row in csv_grid(text)], [], None, name
    raise ImportFormatError(
        f"cannot read a roster from '{suffix}' files",
        file=path.as_posix(),
        hint="save it as .xlsx, or as CSV (UTF-8 or GBK)",
    )


def _flag(text: str, row: Row, table: Table, name: str, problems: list[SourceProblem]) -> bool:
    value = text.strip().lower()
    if value in _YES:
        return True
    if value not in _NO:
        where = table.where(row.number, name)
        problems.append(SourceProblem(where, None, f"是否免考 '{text}' is not 是 or 否"))
    return False


def same_id(text: str) -> str:
    """The id as compared and stored: NFKC, so full-width １２３ and half-width 123 are one id."""
    return unicodedata.normalize("NFKC", text).strip()


def _entry(row: Row, table: Table, problems: list[SourceProblem]) -> RosterEntry | None:
    text = {name: cell_text(row.values.get(name)) for name in table.columns}
    text["id"] = same_id(text.get("id", ""))
    start = len(problems)
    for name, label in (("id", "工号"), ("name", "姓名"), ("unit", "单位")):
        if not text.get(name):
            where = table.where(row.number, name) if name in table.columns else row.where
            problems.append(SourceProblem(where, text.get("id") or None, f"missing {label}"))
    exempt = _flag(text.get("exempt", ""), row, table, "exempt", problems)
    reason = text.get("exempt_reason", "")
    if reason and "exempt" not in table.columns:
        exempt = True  # a reason alone means exempt
    elif reason and not exempt:
        where = table.where(row.number, "exempt_reason")
        problems.append(SourceProblem(where, text.get("id"), "免考原因 given but 是否免考 is 否"))
    active = _ACTIVE.get(text.get("active", ""))
    if active is None:
        where = table.where(row.number, "active")
        problems.append(
            SourceProblem(where, text.get("id"), f"状态 '{text['active']}' is not 在册 or 停用")
        )
    if len(problems) > start:
        return None
    record = CadreRecord(
        id=text["id"],
        name=text["name"],
        unit=text["unit"],
        position=text.get("position", ""),
        phone=text.get("phone", ""),
        exempt=exempt,
        exempt_reason=reason,
        login=text.get("login") or None,
        active=bool(active),
        track=text.get("track") or None,
    )
    numeric = isinstance(row.values.get("id"), int | float)
    return RosterEntry(record, row.number, text.get("parent") or None, numeric)


def _duplicates(roster: RosterFile, table: Table) -> None:
    """Duplicate 工号 or 登录名: both rows are bad."""
    for name, label in (("id", "工号"), ("login", "登录名")):
        first: dict[str, int] = {}
        for entry in roster.entries:
            value = getattr(entry.record, name)
            if not value:
                continue
            if value in first:
                where = table.where(entry.row, name)
                message = f"{label} '{value}' is also on row {first[value]}"
                roster.problems.append(SourceProblem(where, entry.record.id, message))
                roster.bad_rows += [entry.row, first[value]]
                roster.bad_ids.add(entry.record.id)
            else:
                first[value] = entry.row
    bad = set(roster.bad_rows)
    roster.entries = [entry for entry in roster.entries if entry.row not in bad]


def read_roster(
    path: Path,
    *,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    known_units: Collection[str] | None = None,
    known_tracks: Collection[str] | None = None,
) -> RosterFile:
    """Every person in the file and every problem; ``known_units``: the only units allowed;
    ``known_tracks``: the course's track names (a 学习路径 is stored as the course spells it)."""
    grid, merges, title, used = _grid(path, sheet, encoding)
    table = read_table(
        grid,
        file=path.as_posix(),
        sheet=title,
        resolve=resolver(ROSTER_COLUMNS, mapping),
        fill_down=_FILL_DOWN,
        merges=merges,
    )
    roster = RosterFile(path.as_posix(), title, used, columns=set(table.columns))
    roster.unknown = table.unknown
    if "name" not in table.columns or "id" not in table.columns:
        missing = "姓名" if "name" not in table.columns else "工号"
        raise ImportFormatError(
            f"no {missing} column (header row {table.header_row}"
            + (f", read as {used})" if used else ")"),
            file=path.as_posix(),
            hint=f"name the column {missing}, or map yours: --map 你的列名={missing}",
        )
    roster.problems += table.problems
    _rows(roster, table, known_units)
    if known_tracks is not None:
        _check_tracks(roster, table, known_tracks)
    _duplicates(roster, table)
    roster.bad_rows = sorted(set(roster.bad_rows))
    return roster


def _rows(roster: RosterFile, table: Table, known_units: Collection[str] | None) -> None:
    """Each row: a person, or problems (and the row is bad)."""
    for row in table.rows:
        problems: list[SourceProblem] = []
        entry = _entry(row, table, problems)
        if entry and known_units is not None and entry.record.unit not in known_units:
            where = table.where(row.number, "unit")
            message = f"unknown unit '{entry.record.unit}' (units are fixed)"
            problems.append(SourceProblem(where, entry.record.id, message))
        if problems or row.number in table.bad_rows:
            roster.problems += problems
            roster.bad_rows.append(row.number)
            given = same_id(cell_text(row.values.get("id")))
            if given:
                roster.bad_ids.add(given)
        elif entry is not None:
            roster.entries.append(entry)


def _check_tracks(roster: RosterFile, table: Table, known: Collection[str]) -> None:
    """Each 学习路径 names a track of the course (as the course spells it), or the row is bad."""
    spelled = {track_key(name): name for name in known}
    keep = []
    for entry in roster.entries:
        given = entry.record.track
        if given is None or track_key(given) in spelled:
            track = spelled.get(track_key(given)) if given else None
            keep.append(replace(entry, record=replace(entry.record, track=track)))
            continue
        where = table.where(entry.row, "track")
        choices = "、".join(known) or "(the course has no tracks)"
        message = (
            f"学习路径 '{given}' is not a track of the course; use one of: {choices}, "
            "or leave it empty"
        )
        roster.problems.append(SourceProblem(where, entry.record.id, message))
        roster.bad_rows.append(entry.row)
    roster.entries = keep


EXPORT_HEADERS = [column.header for column in ROSTER_COLUMNS]


def roster_rows(cadres: Sequence[CadreRecord], parents: dict[str, str | None]) -> list[list[str]]:
    """Rows (under EXPORT_HEADERS) for cadres; ``parents``: unit → its parent unit."""
    return [
        [
            c.id,
            c.name,
            c.unit,
            parents.get(c.unit) or "",
            c.position,
            c.phone,
            "是" if c.exempt else "否",
            c.exempt_reason,
            c.login or "",
            "在册" if c.active else "停用",
            c.track or "",
        ]
        for c in cadres
    ]


def _unencodable(rows: Sequence[Sequence[str]], encoding: str) -> QuizkitError | None:
    """The first character ``encoding`` cannot hold, named with its row (as the file numbers it)."""
    for number, values in enumerate(rows, start=2):
        for header, value in zip(EXPORT_HEADERS, values, strict=True):
            try:
                value.encode(encoding)
            except UnicodeEncodeError as error:
                char = value[error.start]
                return QuizkitError(
                    f"row {number} (工号 {values[0]}), {header}: '{char}' (U+{ord(char):04X}) "
                    f"cannot be written in {encoding}",
                    hint="export with the default encoding, UTF-8 with BOM (--encoding utf-8-sig), "
                    "which Excel and WPS open directly; nothing was written",
                )
            except LookupError:
                return QuizkitError(
                    f"unknown encoding '{encoding}'", hint="use utf-8-sig (default) or gbk"
                )
    return None


def write_roster(
    cadres: Sequence[CadreRecord],
    parents: dict[str, str | None],
    path: Path,
    *,
    encoding: str = "utf-8-sig",
) -> Path:
    """A roster file that ``read_roster`` reads back: .xlsx, or .csv (UTF-8 with BOM by default).

    Written whole or not at all; a character the encoding lacks is refused with its row. CSV cells a
    spreadsheet would run as a formula get a leading ' (:mod:`quizkit.csvsafe`; read back without it)."""
    rows = roster_rows(cadres, parents)
    if path.suffix.lower() == ".xlsx":
        from quizkit.export.xlsx import Header, PlainSheet, write_plain_workbook

        headers = [Header(text, width=14) for text in EXPORT_HEADERS]
        sheet = PlainSheet("花名册", headers, rows, as_text=True)  # 工号 such as 001 stay text
        return write_plain_workbook(path, [sheet])
    problem = _unencodable(rows, encoding)
    if problem is not None:
        raise problem
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_HEADERS)
    writer.writerows([[neutralise(value) for value in row] for row in rows])
    return write_text(path, buffer.getvalue(), encoding=encoding, newline="")
