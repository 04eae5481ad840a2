"""Plugin settings: parsed and validated once from command-line options and ini values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .backends.base import GenerationSettings
from .baseline import DEFAULT_ALPHA, DEFAULT_TOLERANCE
from .errors import ConfigError
from .steering.xsb_options import XsbSettings

__all__ = ["DEFAULT_JUDGE", "DEFAULT_MODEL", "Settings", "as_bool", "as_float", "as_int", "key_values"]

DEFAULT_MODEL = "llamacpp"  # no argument: the embedded SmolLM2-135M-Instruct GGUF
DEFAULT_JUDGE = "keywords"
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
    xsb: XsbSettings = field(default_factory=XsbSettings)  # triggers and attention steering (issue 17)


def key_values(option: str, items: Sequence[str]) -> dict[str, str]:
    """``["a=1", "b=x"]`` -> ``{"a": "1", "b": "x"}``; anything else is a one-line ConfigError."""
    parsed: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"{option} expects KEY=VALUE, got {item!r}")
        parsed[key.strip()] = value
    return parsed


def as_int(option: str, value: str, minimum: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{option} must be an integer, got {value!r}") from None
    if number < minimum:
        raise ConfigError(f"{option} must be at least {minimum}, got {number}")
    return number


def as_float(option: str, value: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{option} must be a number, got {value!r}") from None
    if not low <= number <= high:
        raise ConfigError(f"{option} must be between {low} and {high}, got {number}")
    return number


def as_bool(option: str, value: str | bool) -> bool:
    if isinstance(value, bool):
        return value
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{option} must be true or false, got {value!r}")
