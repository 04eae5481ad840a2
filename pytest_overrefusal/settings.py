"""Plugin settings: parsed and validated once from command-line options and ini values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .backends.base import GenerationSettings
from .baseline import DEFAULT_ALPHA, DEFAULT_TOLERANCE
from .errors import ConfigError
from .option_values import as_bool, as_float, as_int, key_values
from .regression import DEFAULT_CORRECTION, Correction
from .steering.xsb_options import XsbSettings

__all__ = [
    "DEFAULT_JUDGE",
    "DEFAULT_MODEL",
    "Settings",
    "as_bool",
    "as_float",
    "as_int",
    "key_values",
    "nonempty_options",
    "sample_count",
]

DEFAULT_MODEL = "llamacpp"  # no argument: the embedded SmolLM2-135M-Instruct GGUF
DEFAULT_JUDGE = "combined"  # keywords + the shipped classifier: docs/judges.md, "The default judge"
DEFAULT_MAX_NEW_TOKENS = 96


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    model_options: dict[str, str] = field(default_factory=dict)
    judge: str = DEFAULT_JUDGE
    judge_options: dict[str, str] = field(default_factory=dict)
    thresholds: Path | None = None
    strict: bool = False
    report_only: bool = False
    json_path: Path | None = None
    html_path: Path | None = None
    generation: GenerationSettings = field(default_factory=GenerationSettings)
    system_prompt: str | None = None
    batch_size: int | None = None
    cache_dir: Path | None = None  # None: caching disabled
    baseline: Path | None = None
    update_baseline: bool = False
    baseline_tolerance: float = DEFAULT_TOLERANCE
    baseline_alpha: float = DEFAULT_ALPHA
    suite_glob: str = "*.suite.yaml"
    mitigations: bool = False
    sample: int | None = None  # --overrefusal-sample: keep at most this many prompts (stratified)
    sample_seed: int = 0
    baseline_correction: Correction = DEFAULT_CORRECTION  # holm, bh or none (regression.py)
    samples: int = 1  # answers per prompt (--overrefusal-samples)
    prompt_limit: float = 0.5  # a sampled prompt fails above this share of bad answers
    xsb: XsbSettings = field(default_factory=XsbSettings)  # triggers and attention steering (issue 17)
    full_responses: bool = False  # --overrefusal-full-responses: no early stopping


def sample_count(value: str | None, temperature: float) -> int:
    """``--overrefusal-samples``: at least 1, and above 1 only with sampling switched on."""
    samples = as_int("--overrefusal-samples", value or "1", 1)
    if samples > 1 and temperature <= 0:
        # Greedy decoding gives K copies of one answer: fractions of 0 or 1 that only look like evidence.
        raise ConfigError(
            f"--overrefusal-samples={samples} needs --overrefusal-temperature above 0 (greedy answers do not vary)"
        )
    return samples


def nonempty_options(getoption: Callable[[str], Any]) -> Callable[[str], Any]:
    """``getoption`` where an option given with an empty value (``--overrefusal-json=``) is an error,
    not its default: an empty ``--overrefusal-max-new-tokens=`` must not silently become 96."""

    def opt(name: str) -> Any:
        value = getoption(name)
        flag = "--" + name.replace("_", "-")
        if isinstance(value, str) and not value.strip():
            raise ConfigError(f"{flag}: empty value (leave the option out to use its default)")
        if isinstance(value, list) and any(isinstance(v, str) and not v for v in value):
            raise ConfigError(f"{flag}: empty value")
        return value

    return opt
