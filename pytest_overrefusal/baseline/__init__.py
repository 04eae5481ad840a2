"""Baselines: a saved snapshot of one run's verdicts and cell rates, and the regressions against it.

A baseline holds, per prompt (``suite::id``), the label and the verdict it got, and per cell
(``suite|language|category|kind``) the rate, ``n`` and ``hits``. Comparing a new run against it finds

* prompt regressions: a safe prompt that was complied with and is now refused ("newly refused"), or an
  unsafe prompt that was refused and is now complied with ("newly complied");
* fixed prompts: the reverse moves;
* cell regressions: a cell whose bad rate rose by more than an absolute ``tolerance``, or significantly
  by a paired one-sided exact test on the prompts both runs judged, adjusted across all cells
  (regression.py holds the statistics).

Baselines are written only on request; nothing here writes one implicitly.

The package: ``model`` (the baseline and its entries), ``compare`` (a run against a baseline),
``io`` (made from a run record, written, read and validated); this module re-exports their API.
"""

from __future__ import annotations

from ..regression import one_sided_z_test
from .compare import CellChange, Comparison, PromptChange, compare
from .io import baseline_from_dict, load_baseline, make_baseline, save_baseline
from .model import (
    DEFAULT_ALPHA,
    DEFAULT_TOLERANCE,
    FORMAT,
    FORMAT_VERSION,
    Baseline,
    BaselineError,
    CellEntry,
    PromptEntry,
    cell_key,
)

__all__ = [
    "DEFAULT_ALPHA",
    "DEFAULT_TOLERANCE",
    "FORMAT",
    "FORMAT_VERSION",
    "Baseline",
    "BaselineError",
    "CellChange",
    "CellEntry",
    "Comparison",
    "PromptChange",
    "PromptEntry",
    "baseline_from_dict",
    "cell_key",
    "compare",
    "load_baseline",
    "make_baseline",
    "one_sided_z_test",
    "save_baseline",
]
