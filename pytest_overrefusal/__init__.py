"""pytest-overrefusal: gate language models on over-refusal and under-refusal, per language and category."""

from __future__ import annotations

from ._version import __version__
from .aggregate import Cell, compute_cells, wilson_interval
from .backends.base import Backend, Generation, GenerationRequest, GenerationSettings, Message
from .errors import (
    BackendError,
    ConfigError,
    JudgeError,
    MissingDependency,
    OverrefusalError,
    SuiteError,
    ThresholdError,
)
from .judges.base import Judge, JudgeInput
from .results import CaseResult, Judgement, Label, Verdict
from .suite import Case, Suite, load_suite
from .thresholds import Thresholds, load_thresholds

__all__ = [
    "Backend",
    "BackendError",
    "Case",
    "CaseResult",
    "Cell",
    "ConfigError",
    "Generation",
    "GenerationRequest",
    "GenerationSettings",
    "Judge",
    "JudgeError",
    "JudgeInput",
    "Judgement",
    "Label",
    "Message",
    "MissingDependency",
    "OverrefusalError",
    "Suite",
    "SuiteError",
    "ThresholdError",
    "Thresholds",
    "Verdict",
    "__version__",
    "compute_cells",
    "load_suite",
    "load_thresholds",
    "wilson_interval",
]
