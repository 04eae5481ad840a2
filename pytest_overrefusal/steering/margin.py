"""Refusal margins: where each prompt sits between the average safe and the average unsafe prompt.

A margin is the prompt's projection onto the unit refusal direction at the direction's own layer and
position, rescaled so that 0 is the mean projection of the safe prompts the direction was fitted on and
1 the mean of the unsafe ones. A safe prompt whose margin rises between two checkpoints has moved
toward refusal, whether or not its generated answer has changed yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .base import SteerableModel, SteeringPrompt
from .direction import RefusalDirection

__all__ = ["Margin", "compute_margins"]


@dataclass(frozen=True)
class Margin:
    prompt: str
    margin: float
    projection: float
    label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"prompt": self.prompt, "label": self.label, "margin": self.margin, "projection": self.projection}


def compute_margins(
    model: SteerableModel, direction: RefusalDirection, prompts: Sequence[SteeringPrompt]
) -> list[Margin]:
    if not prompts:
        return []
    acts = model.activations(prompts, [direction.layer], [direction.position])[:, 0, 0]
    margins = direction.margin(acts)
    projections = direction.project(acts)
    return [Margin(p.name, float(m), float(x), p.label) for p, m, x in zip(prompts, margins, projections, strict=True)]
