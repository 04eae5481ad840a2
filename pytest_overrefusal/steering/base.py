"""What every steerable model offers, and the prompt records the steering code passes around.

A steerable model is a local model whose residual stream can be read (activations at chosen layers and
token positions) and written (a vector added at one layer during the forward pass). Layer ``L`` always
means the residual stream *entering* decoder block ``L`` (transformers' ``hidden_states[L]``); token
positions are negative offsets from the end of the rendered prompt (``-1`` is the last prompt token,
the one whose logits predict the first response token).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, Union, runtime_checkable

from ..backends.base import GenerationRequest, Message
from ..errors import ConfigError
from ..suite import Case

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    FloatArray = NDArray[np.float64]

__all__ = [
    "PromptLike",
    "SteerableModel",
    "Steering",
    "SteeringPrompt",
    "as_prompt",
    "as_prompts",
    "common_prefix",
    "data_hash",
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
class SteerableModel(Protocol):
    """A local model whose residual stream can be read and steered.

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

    def token_ids(self, text: str) -> list[int]:
        """Token ids of ``text`` exactly as it would start a response (no special tokens added)."""
        ...

    def close(self) -> None: ...


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
