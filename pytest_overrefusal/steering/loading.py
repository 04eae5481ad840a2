"""Opening a steerable model from a spec: ``hf[:embedded|DIR|FILE.gguf]`` or ``llamacpp[:FILE.gguf]``.

The model comes from its backend's ``steer`` capability (``backends/capabilities.py``); this module
knows no engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..backends.capabilities import Capability, Engine
from ..backends.hf.engine import STEERING_OPTIONS as HF_OPTIONS
from ..backends.llamacpp.engine import STEERING_OPTIONS as LLAMACPP_OPTIONS
from ..registry import parse_spec, require
from .base import SteerableModel

__all__ = ["DEFAULT_STEERING_MODEL", "HF_OPTIONS", "LLAMACPP_OPTIONS", "check_spec", "open_model", "steering_options"]

DEFAULT_STEERING_MODEL = "hf:embedded"
_HINT = "steering needs a local model, hf[:embedded|DIR|FILE.gguf] or llamacpp[:FILE.gguf]"


def _engine(spec: str) -> tuple[type[Engine], str | None]:
    parsed = parse_spec(spec)
    return require(parsed, Capability.STEER, who="steering", hint=_HINT), parsed.arg


def steering_options(spec: str) -> tuple[str, ...]:
    """The model options the steering loader for ``spec`` understands (the others only concern generation)."""
    engine, _ = _engine(spec)
    return engine.steering_options


def check_spec(spec: str, options: Mapping[str, str]) -> None:
    """Reject a bad spec, option or missing file up front, without importing any model library."""
    engine, arg = _engine(spec)
    engine.check_steering_spec(arg, options, who="steering")


def open_model(spec: str, options: Mapping[str, str], cache_dir: Path | None) -> SteerableModel:
    """Load the model named by ``spec``; ``cache_dir`` keeps converted checkpoints (GGUF through transformers)."""
    engine, arg = _engine(spec)
    return engine.steerable_model(arg, options, cache_dir=cache_dir, who="steering")
