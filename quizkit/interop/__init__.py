"""Data in and out: rosters (xlsx, csv) and question banks (xlsx, GIFT, Moodle XML, Aiken).

One module per format, each with a small table mapping its question types to ours. Imports are pure
(file → records or bank-shaped drafts plus located problems); bank drafts then go through the bank's own
writer and checker (:mod:`quizkit.interop.bank_import`), and rosters through the store
(:mod:`quizkit.interop.roster_plan`). Whatever a format cannot carry is named in a warning.

The names below are loaded on first use, so that `quizkit --help` does not import openpyxl.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizkit.interop.bank_export import EXPORT_FORMATS, export_bank
    from quizkit.interop.bank_import import BankImport, import_bank
    from quizkit.interop.roster import RosterFile, read_roster, write_roster
    from quizkit.interop.roster_plan import RosterPlan, apply_roster, plan_roster
    from quizkit.interop.source import ImportProblems, SourceProblem, Where
    from quizkit.interop.xlsx_export import write_template

FORMATS = ("gift", "moodle", "aiken", "xlsx")  # bank export formats (bank_export.EXPORT_FORMATS)

_HOMES = {
    "EXPORT_FORMATS": "bank_export",
    "export_bank": "bank_export",
    "BankImport": "bank_import",
    "import_bank": "bank_import",
    "RosterFile": "roster",
    "read_roster": "roster",
    "write_roster": "roster",
    "RosterPlan": "roster_plan",
    "apply_roster": "roster_plan",
    "plan_roster": "roster_plan",
    "ImportProblems": "source",
    "SourceProblem": "source",
    "Where": "source",
    "write_template": "xlsx_export",
}

__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "BankImport",
    "ImportProblems",
    "RosterFile",
    "RosterPlan",
    "SourceProblem",
    "Where",
    "apply_roster",
    "export_bank",
    "import_bank",
    "plan_roster",
    "read_roster",
    "write_roster",
    "write_template",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'quizkit.interop' has no attribute {name!r}")
    return getattr(import_module(f"quizkit.interop.{home}"), name)
