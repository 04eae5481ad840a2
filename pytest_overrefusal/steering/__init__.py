"""Refusal directions, margins, steering and boundary distances for local models.

A refusal direction is the difference in means of a model's residual stream between unsafe and safe
instructions at the post-instruction token positions (Arditi et al. 2024). Projected onto it, a
prompt's activation says how close the model is to refusing it (its *margin*); adding a multiple of it
during the forward pass (*steering*) finds how far a prompt sits from the refusal boundary.

Layer convention used everywhere in this package: **layer L is the residual stream entering decoder
block L**, i.e. transformers' ``hidden_states[L]`` (``hidden_states[0]`` are the embeddings) and
llama.cpp's ``l_out-(L-1)``. See docs/steering.md.

Nothing here is imported when pytest starts: the pytest side (``pytest_plugin``) imports these modules
only when a steering fixture or boundary item runs, and the modules that need numpy, torch,
transformers or llama_cpp import them inside functions.

The public API is the names below, for annotating tests that use the steering fixtures::

    from pytest_overrefusal.steering import MarginProbe, RefusalDirection

They are loaded on first access (PEP 562), so importing this package loads neither numpy nor a model
library, and the modules behind them can move without breaking users.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .direction import RefusalDirection
    from .probes import BoundaryProbe, DirectionFactory, MarginProbe, SteeredModel, Steerer
    from .session import FitData, SteeringConfig, SteeringSession

# Public name -> the module (relative to this package) that defines it.
_LAZY = {
    "BoundaryProbe": ".probes",
    "DirectionFactory": ".probes",
    "FitData": ".session",
    "MarginProbe": ".probes",
    "RefusalDirection": ".direction",
    "SteeredModel": ".probes",
    "Steerer": ".probes",
    "SteeringConfig": ".session",
    "SteeringSession": ".session",
}

__all__ = [
    "BoundaryProbe",
    "DirectionFactory",
    "FitData",
    "MarginProbe",
    "RefusalDirection",
    "SteeredModel",
    "Steerer",
    "SteeringConfig",
    "SteeringSession",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
