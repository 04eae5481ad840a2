"""Options of the XSB diagnostics (trigger attribution, attention steering), parsed once into plain settings.

Kept apart from ``plugin.py`` so the pytest layer only registers and forwards them; nothing here imports
pytest or a model library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..option_values import as_float, as_int

__all__ = ["XsbSettings", "add_options", "parse_index_list", "parse_options"]


@dataclass(frozen=True)
class XsbSettings:
    triggers: bool = False
    budget: int = 8
    top: int = 5
    attention_layers: tuple[int, ...] | None = None  # None: the middle half (attention.default_layers)
    attention_heads: tuple[int, ...] | None = None  # None: every head
    attention_scale: float = 0.01


def add_options(group: Any) -> None:
    """Register the options on a pytest option group."""
    group.addoption(
        "--overrefusal-triggers",
        action="store_true",
        default=False,
        help="rank the words that trigger each refused safe prompt (leave-one-word-out on local models, "
        "regeneration under a budget on remote ones) in the failure text, JSON and HTML",
    )
    group.addoption(
        "--overrefusal-trigger-budget",
        metavar="N",
        help="variants regenerated per refused prompt on remote backends (default: 8)",
    )
    group.addoption(
        "--overrefusal-attention-layers",
        metavar="L1,L2",
        help="layers whose attention to the focus words --overrefusal-mitigations scales down on hf models "
        "(default: the middle half)",
    )
    group.addoption("--overrefusal-attention-heads", metavar="H1,H2", help="heads to steer (default: all)")
    group.addoption(
        "--overrefusal-attention-scale",
        metavar="S",
        help="factor on the steered heads' attention to the focus words, in (0, 1] (default: 0.01)",
    )


def parse_index_list(option: str, value: str | None) -> tuple[int, ...] | None:
    if value is None or not value.strip():
        return None
    out: list[int] = []
    for part in value.split(","):
        lo, sep, hi = part.strip().partition("-")
        try:
            first, last = int(lo), int(hi) if sep else int(lo)
        except ValueError:
            raise ConfigError(f"{option} expects numbers or ranges like 4,6-9, got {value!r}") from None
        if first < 0 or last < first:
            raise ConfigError(f"{option}: bad range {part.strip()!r}")
        out.extend(range(first, last + 1))
    return tuple(dict.fromkeys(out))


def parse_options(opt: Callable[[str], Any]) -> XsbSettings:

    budget = opt("overrefusal_trigger_budget")
    scale = opt("overrefusal_attention_scale")
    return XsbSettings(
        triggers=bool(opt("overrefusal_triggers")),
        budget=8 if budget is None else as_int("--overrefusal-trigger-budget", budget, 1),
        attention_layers=parse_index_list("--overrefusal-attention-layers", opt("overrefusal_attention_layers")),
        attention_heads=parse_index_list("--overrefusal-attention-heads", opt("overrefusal_attention_heads")),
        attention_scale=0.01 if scale is None else as_float("--overrefusal-attention-scale", scale, 1e-6, 1.0),
    )
