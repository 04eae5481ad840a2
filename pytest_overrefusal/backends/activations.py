"""The data the ``read activations`` and ``steer`` capabilities take, and their protocols.

A steerable model is a local model whose residual stream can be read (activations at chosen layers and
token positions) and written (a vector added at one layer during the forward pass). Layer ``L`` always
means the residual stream *entering* decoder block ``L`` (transformers' ``hidden_states[L]``); token
positions are negative offsets from the end of the rendered prompt (``-1`` is the last prompt token,
the one whose logits predict the first response token). The engines (``llamacpp/steer.py``,
``hf/steer.py``) implement these; ``steering/`` uses them and re-exports them from ``steering.base``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..errors import ConfigError
from .base import Message

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    FloatArray = NDArray[np.float64]

__all__ = [
    "DEFAULT_SCALE",
    "AttentionSteering",
    "ReadsActivations",
    "Steerable",
    "SteerableModel",
    "Steering",
    "SteeringPrompt",
    "common_prefix",
    "default_layers",
]


@dataclass(frozen=True)
class SteeringPrompt:
    """A conversation to read activations from, with what is known about it (suite, id, label, language)."""

    messages: tuple[Message, ...]
    system_prompt: str | None = None
    language: str | None = None
    label: str | None = None
    suite: str | None = None
    id: str | None = None
    file: str | None = None
    line: int | None = None
    focus: tuple[str, ...] = ()
    contrast: str | None = None
    category: str | None = None

    def chat(self) -> list[dict[str, str]]:
        out = [] if self.system_prompt is None else [{"role": "system", "content": self.system_prompt}]
        out.extend(m.to_dict() for m in self.messages)
        return out

    @property
    def text(self) -> str:
        """The last user turn."""
        for message in reversed(self.messages):
            if message.role == "user":
                return message.content
        return ""

    @property
    def name(self) -> str:
        """``suite::id`` for suite prompts, otherwise the start of the prompt text."""
        if self.suite is not None and self.id is not None:
            return f"{self.suite}::{self.id}"
        text = " ".join(self.text.split())
        return text if len(text) <= 60 else text[:57] + "..."

    @property
    def key(self) -> tuple[str, str] | None:
        return None if self.suite is None or self.id is None else (self.suite, self.id)

    def digest(self) -> str:
        """Hash of what the model sees; labels and ids do not change activations and are left out."""
        raw = json.dumps(self.chat(), sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(raw).hexdigest()


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@dataclass(frozen=True)
class Steering:
    """A vector added to the residual stream entering decoder block ``layer``, scaled per prompt by alpha."""

    vector: FloatArray
    layer: int


@runtime_checkable
class ReadsActivations(Protocol):
    """The ``read activations`` capability: a local model whose residual stream can be read, and written
    by a ``Steering`` while it is read.

    ``min_layer`` is the smallest layer both readable and steerable (llama.cpp cannot add a control
    vector before block 1's output, so its ``min_layer`` is 2); every layer up to ``n_layers - 1`` is.
    """

    name: str
    n_layers: int
    hidden_size: int
    min_layer: int

    def fingerprint(self) -> str: ...

    def post_instruction_count(self, prompt: SteeringPrompt) -> int:
        """How many tokens of the rendered prompt follow the end of the last user message."""
        ...

    def activations(
        self,
        prompts: Sequence[SteeringPrompt],
        layers: Sequence[int],
        positions: Sequence[int],
        steering: Steering | None = None,
        alphas: Sequence[float] | None = None,
    ) -> FloatArray:
        """Residual stream as float64, shape ``(len(prompts), len(layers), len(positions), hidden_size)``.

        With ``steering``, ``alphas[i] * steering.vector`` is added for prompt ``i`` first, so a layer at
        or after the steered one shows the addition.
        """
        ...

    def next_token_logprobs(
        self,
        prompts: Sequence[SteeringPrompt],
        steering: Steering | None = None,
        alphas: Sequence[float] | None = None,
    ) -> FloatArray:
        """Log-softmax of the first response token, shape ``(len(prompts), vocab)``; steered per prompt."""
        ...

    def token_ids(self, text: str) -> list[int]:
        """Token ids of ``text`` exactly as it would start a response (no special tokens added)."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class Steerable(Protocol):
    """The ``steer`` capability: greedy answers with a vector added to the residual stream."""

    def generate(
        self,
        prompts: Sequence[SteeringPrompt],
        *,
        max_new_tokens: int,
        steering: Steering | None = None,
        alpha: float = 0.0,
    ) -> list[str]:
        """Greedy continuations, with ``alpha * steering.vector`` added at every position when given."""
        ...


@runtime_checkable
class SteerableModel(ReadsActivations, Steerable, Protocol):
    """Both: what the steering fixtures, ``mine-boundary`` and trigger attribution use."""


# -- attention steering (PASTA: see steering/attention.py and hf/attention.py) ------------------------

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
