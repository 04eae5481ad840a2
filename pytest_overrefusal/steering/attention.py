"""Attention steering's settings (the engine side is ``backends/hf/attention.py``).

PASTA (Zhang et al. 2023, *Tell Your Model Where to Attend*) rescales the attention of selected heads
toward chosen tokens; here a refused safe prompt's trigger words get their attention scaled *down*.
Defaults (``DEFAULT_SCALE``, ``default_layers``): all heads of the middle half of the layers, scale
0.01. They were chosen a priori, not fitted: PASTA's own coefficient is 0.01 for the de-emphasised
tokens; the first layers build word meaning from the tokens around it and the last layers mostly
shape the output, so the middle half is where a word's role in the request is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError

__all__ = ["DEFAULT_SCALE", "AttentionSteering", "default_layers"]

DEFAULT_SCALE = 0.01


def default_layers(n_layers: int) -> tuple[int, ...]:
    """The middle half of the layers: ``n//4 .. 3n//4 - 1`` (at least one layer)."""
    start, stop = n_layers // 4, max(n_layers // 4 + 1, (3 * n_layers) // 4)
    return tuple(range(start, stop))


@dataclass(frozen=True)
class AttentionSteering:
    """Which layers and heads to steer and by how much (``heads=None``: every head)."""

    layers: tuple[int, ...]
    heads: tuple[int, ...] | None = None
    scale: float = DEFAULT_SCALE

    def __post_init__(self) -> None:
        if not 0.0 < self.scale <= 1.0:
            raise ConfigError(f"attention steering: scale must be in (0, 1], got {self.scale}")
        if not self.layers:
            raise ConfigError("attention steering: no layer chosen")

    def describe(self) -> dict[str, Any]:
        return {
            "layers": list(self.layers),
            "heads": None if self.heads is None else list(self.heads),
            "scale": self.scale,
            "method": "pasta: log(scale) added to trigger keys' attention scores",
        }
