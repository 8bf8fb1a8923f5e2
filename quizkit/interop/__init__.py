"""Data in and out: rosters (xlsx, csv) and question banks (xlsx, GIFT, Moodle XML, Aiken).

One module per format, each with a small table mapping its question types to ours. Imports are pure
(file → records or bank-shaped drafts plus located problems); bank drafts then go through the bank's own
writer and checker (:mod:`quizkit.interop.bank_import`), and rosters through the store
(:mod:`quizkit.interop.roster_plan`). Whatever a format cannot carry is named in a warning.
"""

from quizkit.interop.bank_export import EXPORT_FORMATS, export_bank
from quizkit.interop.bank_import import BankImport, import_bank
from quizkit.interop.roster import RosterFile, read_roster, write_roster
from quizkit.interop.roster_plan import RosterPlan, apply_roster, plan_roster
from quizkit.interop.source import ImportProblems, SourceProblem, Where
from quizkit.interop.xlsx_export import write_template

__all__ = [
    "EXPORT_FORMATS",
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
