"""Item analysis: how each question and the whole paper behaved, so trainers can fix the bank.

The formulas are those of Moodle's quiz statistics report (T. Hunt, "Quiz statistics calculations",
https://docs.moodle.org/dev/Quiz_statistics_calculations, and the report's help at
https://docs.moodle.org/en/Quiz_statistics_report), which in turn follow classical test theory.
Notation: attempts s = 1..S, items i with maximum mark M_i, x_si the mark of item i in attempt s,
X_s = Σ_i x_si the attempt's total, R_si = X_s − x_si the rest of the paper; variances and covariances
divide by S − 1 (sample estimates).

Per item (over the attempts whose paper held it, since with 卷卷不同 not every paper holds every item),
with each mark taken as a fraction of the points that attempt's paper gave the item (f_si = x_si / M_si:
overlapping blueprint cells may make a question worth 2 on one paper and 4 on another; with one value
of M_i this is Moodle's x_i / M_i), and R_si = X_s − x_si in points:

- facility F_i = mean(f_i);
- standard deviation SD_i = √V(f_i) (as a share of the item's marks, like Moodle);
- discrimination index DI_i = 100 · Cov(f_i, R_i) / √(V(f_i) · V(R_i)), the item–rest correlation;
- discriminative efficiency DE_i = 100 · Cov(f_i, R_i) / Cov_max,i, where Cov_max pairs the independently
  sorted f_i and R_i (the largest covariance these marks allow); Moodle flags DE < 15 %;
- the upper–lower index D27_i = p_upper − p_lower, the facility among the 27 % best attempts (by X)
  minus that among the 27 % weakest, attempts tied at a cut sharing the places left (the average over
  every way of breaking the tie) (T. L. Kelley, "The selection of upper and lower groups for the
  validation of test items", J. Educ. Psychol. 30 (1939) 17–24);
- the point-biserial correlation r_pb,i = r(f_i, X), total including the item.

For the paper, over the slots of the papers (a fixed paper's slots are its questions; a blueprint's
slots are its cells' positions, Moodle's rule for random questions): mean, median and SD of X;
skewness k3 / k2^1.5 and kurtosis k4 / k2² from the k-statistics (Moodle, as above); Cronbach's alpha
= p/(p−1) · (1 − Σ V(x_i) / V(X)) over p slots, which is KR-20 for 0/1 items (G. F. Kuder and
M. W. Richardson, Psychometrika 2 (1937) 151–160; L. J. Cronbach, Psychometrika 16 (1951) 297–334);
error ratio ER = 100 · √(1 − alpha) (%) and standard error SE = ER/100 · SD.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

ITEM_COLUMNS = [
    "question_id",
    "n",
    "max_mark",
    "facility",
    "sd",
    "discrimination_index",
    "discriminative_efficiency",
    "d27",
    "point_biserial",
    "flags",
]


@dataclass(frozen=True)
class Thresholds:
    """When an item is flagged (Moodle's reading guide: facility 35–64 % is about right)."""

    too_easy: float = 0.90  # facility at or above: 偏易
    too_hard: float = 0.20  # facility at or below: 偏难
    weak_efficiency: float = 15.0  # DE below this (%): 区分度低
    min_attempts: int = 2  # fewer attempts than this: no statistics
    # fewer attempts than this: the figures are shown (with n) but 负区分 / 区分度低 are not flagged,
    # since with few attempts a negative or weak index is mostly chance (settings: item_flag_min_attempts)
    min_flag_attempts: int = 20


FLAG_NAMES = {"easy": "偏易", "hard": "偏难", "weak": "区分度低", "negative": "负区分"}


@dataclass(frozen=True)
class PaperStatistics:
    attempts: int
    items: int
    max_total: float
    mean: float
    median: float
    sd: float
    skewness: float
    kurtosis: float
    alpha: float
    error_ratio: float
    standard_error: float

    @property
    def mean_percent(self) -> float:
        return 100.0 * self.mean / self.max_total if self.max_total else math.nan


def _cov(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.sum((a - a.mean()) * (b - b.mean())) / (len(a) - 1))


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 1e-12 else math.nan


def _group_mean(x: np.ndarray, totals: np.ndarray, size: int) -> float:
    """Mean of ``x`` over the ``size`` attempts with the highest totals; attempts tied at the cut
    share the places left (each counts (places left) / (attempts tied)), which is the average over
    every way of breaking the tie — so the same answers give the same value whatever the order."""
    cut = np.sort(totals)[::-1][size - 1]
    above, tied = totals > cut, totals == cut
    share = (size - int(above.sum())) / int(tied.sum())
    return float((x[above].sum() + share * x[tied].sum()) / size)


def upper_lower(x: np.ndarray, totals: np.ndarray, max_mark: float) -> float:
    """D27: facility of the top 27 % by total minus that of the bottom 27 % (at least one each),
    averaged over ties at either cut."""
    size = max(1, round(0.27 * len(x)))
    upper = _group_mean(x, totals, size)
    lower = _group_mean(x, -totals, size)
    return (upper - lower) / max_mark


def item_row(x: np.ndarray, totals: np.ndarray, rest: np.ndarray) -> dict[str, float]:
    """The statistics of one item from its marks ``x`` as fractions of the item's points on each
    paper, the attempts' totals X and the rest of each paper R = X − mark (same order)."""
    var_x, var_r = _cov(x, x), _cov(rest, rest)
    cov = _cov(x, rest)
    cov_max = _cov(np.sort(x), np.sort(rest))
    return {
        "facility": float(x.mean()),
        "sd": math.sqrt(var_x),
        "discrimination_index": 100.0 * _ratio(cov, math.sqrt(var_x * var_r)),
        "discriminative_efficiency": 100.0 * _ratio(cov, cov_max),
        "d27": upper_lower(x, totals, 1.0),
        "point_biserial": _ratio(_cov(x, totals), math.sqrt(var_x * _cov(totals, totals))),
    }


def flags_for(row: dict[str, float], limits: Thresholds, n: int | None = None) -> list[str]:
    """The flags of one item's figures; ``n``: its attempts (below ``min_flag_attempts``, no
    discrimination flag)."""
    found = []
    if row["facility"] >= limits.too_easy:
        found.append("easy")
    if row["facility"] <= limits.too_hard:
        found.append("hard")
    if n is not None and n < limits.min_flag_attempts:
        return found
    if row["discrimination_index"] < 0:
        found.append("negative")
    elif row["discriminative_efficiency"] < limits.weak_efficiency:
        found.append("weak")
    return found


def item_statistics(
    marks: pd.DataFrame,
    max_marks: pd.Series,
    totals: pd.Series,
    limits: Thresholds | None = None,
    *,
    points: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per item (``ITEM_COLUMNS``); ``marks`` is attempts × items, NaN where an attempt's
    paper did not hold the item; ``totals`` is each attempt's X (its whole paper).

    ``points`` (same shape) is what each paper gave the item: a question drawn by overlapping blueprint
    cells may be worth 2 on one paper and 4 on another, so each mark is taken as a fraction of its own
    paper's points (without ``points``: of ``max_marks``). ``max_mark`` reports the largest.
    """
    matrix = marks.to_numpy(dtype=float)
    worth = (
        points.reindex(index=marks.index, columns=marks.columns).to_numpy(dtype=float)
        if points is not None
        else np.broadcast_to(max_marks.reindex(marks.columns).to_numpy(dtype=float), matrix.shape)
    )
    items, attempts = np.nonzero(~np.isnan(matrix).T)  # item by item, attempts in index order
    cells = ItemCells(
        items=pd.Index(marks.columns),
        item_codes=items,
        marks=matrix[attempts, items],
        worth=worth[attempts, items],
        totals=totals.reindex(marks.index).to_numpy(dtype=float)[attempts],
    )
    return cell_statistics(cells, max_marks, limits)


@dataclass(frozen=True)
class ItemCells:
    """The marks of the items as long arrays, one entry per (attempt, item) held, ordered item by
    item (``item_codes`` ascending) and within an item by attempt: ``items`` names the codes;
    ``worth`` is what that paper gave the item, ``totals`` that attempt's X."""

    items: pd.Index
    item_codes: np.ndarray
    marks: np.ndarray
    worth: np.ndarray
    totals: np.ndarray


def cell_statistics(
    cells: ItemCells, max_marks: pd.Series, limits: Thresholds | None = None
) -> pd.DataFrame:
    """:func:`item_statistics` from the long form, without attempts × items tables."""
    limits = limits or Thresholds()
    ends = np.cumsum(np.bincount(cells.item_codes, minlength=len(cells.items)))
    rows = []
    for code, item in enumerate(cells.items):
        part = slice(int(ends[code - 1]) if code else 0, int(ends[code]))
        x, maximum = cells.marks[part], float(max_marks[item])
        row: dict[str, object] = {"question_id": item, "n": len(x), "max_mark": maximum}
        if len(x) < max(limits.min_attempts, 2):
            row.update(dict.fromkeys(ITEM_COLUMNS[3:9], math.nan), flags=[])
        else:
            held = cells.totals[part]
            stats = item_row(x / cells.worth[part], held, held - x)
            row.update(stats, flags=flags_for(stats, limits, len(x)))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=ITEM_COLUMNS)
    figures = dict.fromkeys(ITEM_COLUMNS[2:9], "float64")  # float even with no rows
    return frame.astype({"n": "int64", **figures})


def _k_statistics(totals: np.ndarray) -> tuple[float, float]:
    """Skewness k3/k2^1.5 and kurtosis k4/k2² (Moodle's formulas; needs S ≥ 4 and V(X) > 0)."""
    s = len(totals)
    if s < 4:
        return math.nan, math.nan
    d = totals - totals.mean()
    m2, m3, m4 = (float(np.mean(d**k)) for k in (2, 3, 4))
    k2 = s * m2 / (s - 1)
    k3 = s**2 * m3 / ((s - 1) * (s - 2))
    k4 = s**2 * ((s + 1) * m4 - 3 * (s - 1) * m2**2) / ((s - 1) * (s - 2) * (s - 3))
    if k2 <= 1e-12:
        return math.nan, math.nan
    return k3 / k2**1.5, k4 / k2**2


def paper_statistics(slots: pd.DataFrame, max_total: float) -> PaperStatistics:
    """Statistics of the paper from the attempts × slots marks (complete: every paper has every slot)."""
    marks = slots.fillna(0.0).to_numpy(dtype=float)
    attempts, items = marks.shape
    totals = marks.sum(axis=1)
    if attempts < 2:
        nan = math.nan
        mean = float(totals.mean()) if attempts else nan
        return PaperStatistics(attempts, items, max_total, mean, mean, nan, nan, nan, nan, nan, nan)
    var_total = _cov(totals, totals)
    item_vars = sum(_cov(marks[:, i], marks[:, i]) for i in range(items))
    alpha = math.nan
    if items > 1 and var_total > 1e-12:
        alpha = items / (items - 1) * (1 - item_vars / var_total)
    sd = math.sqrt(var_total)
    error_ratio = 100.0 * math.sqrt(1 - alpha) if not math.isnan(alpha) and alpha <= 1 else math.nan
    skewness, kurtosis = _k_statistics(totals)
    return PaperStatistics(
        attempts=attempts,
        items=items,
        max_total=max_total,
        mean=float(totals.mean()),
        median=float(np.median(totals)),
        sd=sd,
        skewness=skewness,
        kurtosis=kurtosis,
        alpha=alpha,
        error_ratio=error_ratio,
        standard_error=error_ratio / 100.0 * sd,
    )


__all__ = [
    "FLAG_NAMES",
    "ITEM_COLUMNS",
    "ItemCells",
    "PaperStatistics",
    "Thresholds",
    "cell_statistics",
    "flags_for",
    "item_row",
    "item_statistics",
    "paper_statistics",
    "upper_lower",
]
