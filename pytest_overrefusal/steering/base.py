"""What every steerable model offers, and the prompt records the steering code passes around.

A steerable model is a local model whose residual stream can be read (activations at chosen layers and
token positions) and written (a vector added at one layer during the forward pass). Layer ``L`` always
means the residual stream *entering* decoder block ``L`` (transformers' ``hidden_states[L]``); token
positions are negative offsets from the end of the rendered prompt (``-1`` is the last prompt token,
the one whose logits predict the first response token).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Union

# The capability protocols and the records they take live with the engines; re-exported here.
from ..backends.activations import ReadsActivations, Steerable, SteerableModel, Steering, SteeringPrompt, common_prefix
from ..backends.base import GenerationRequest, Message
from ..errors import ConfigError
from ..suite import Case

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    FloatArray = NDArray[np.float64]

__all__ = [
    "PromptLike",
    "ReadsActivations",
    "Steerable",
    "SteerableModel",
    "Steering",
    "SteeringPrompt",
    "as_prompt",
    "as_prompts",
    "common_prefix",
    "data_hash",
]


PromptLike = Union[str, Case, GenerationRequest, SteeringPrompt, Sequence[Message]]  # noqa: UP007  # a runtime alias on 3.10


def as_prompt(value: PromptLike, *, system_prompt: str | None = None) -> SteeringPrompt:
    """Normalise a prompt given as text, a suite case, a generation request or a list of messages."""
    if isinstance(value, SteeringPrompt):
        return value
    if isinstance(value, str):
        if not value.strip():
            raise ConfigError("steering: empty prompt")
        return SteeringPrompt((Message("user", value),), system_prompt=system_prompt)
    if isinstance(value, Case):
        return SteeringPrompt(
            value.messages,
            system_prompt=value.system_prompt if value.system_prompt is not None else system_prompt,
            language=value.language,
            label=value.label,
            suite=value.suite,
            id=value.id,
            file=value.file,
            line=value.line,
            focus=value.focus,
            contrast=value.contrast,
            category=value.category,
        )
    if isinstance(value, GenerationRequest):
        return SteeringPrompt(value.messages, system_prompt=value.system_prompt)
    messages = tuple(value)
    if not messages or not all(isinstance(m, Message) for m in messages):
        raise ConfigError(f"steering: cannot use {type(value).__name__} as a prompt (give text, a Case or Messages)")
    if messages[-1].role != "user":
        raise ConfigError("steering: a conversation must end with a user turn")
    return SteeringPrompt(messages, system_prompt=system_prompt)


def as_prompts(values: PromptLike | Sequence[PromptLike], *, system_prompt: str | None = None) -> list[SteeringPrompt]:
    """A list of prompts from one prompt or many (a lone string is one prompt, not a list of characters)."""
    if isinstance(values, (str, Case, GenerationRequest, SteeringPrompt)):
        return [as_prompt(values, system_prompt=system_prompt)]
    items = list(values)
    if items and all(isinstance(v, Message) for v in items):
        return [as_prompt(items, system_prompt=system_prompt)]  # type: ignore[arg-type]
    return [as_prompt(v, system_prompt=system_prompt) for v in items]  # type: ignore[arg-type]


def data_hash(prompts: Sequence[SteeringPrompt]) -> str:
    """Order-independent hash of a prompt set: the same prompts in another order fit the same direction."""
    digest = hashlib.sha256()
    for item in sorted(p.digest() for p in prompts):
        digest.update(item.encode())
    return digest.hexdigest()


def check_layer(model: SteerableModel, layer: int, what: str = "layer") -> int:
    if not model.min_layer <= layer < model.n_layers:
        raise ConfigError(
            f"steering: {what} {layer} is out of range for {model.name} "
            f"(layers {model.min_layer}..{model.n_layers - 1}: the residual stream entering each decoder block)"
        )
    return layer


def describe(model: SteerableModel) -> dict[str, Any]:
    return {
        "name": model.name,
        "fingerprint": model.fingerprint(),
        "n_layers": model.n_layers,
        "hidden_size": model.hidden_size,
    }
