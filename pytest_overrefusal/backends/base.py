"""The backend protocol: many generation requests in, as many generations out.

Backends are batched by contract so that local models can decode prompts together and remote ones can
send them concurrently. A failure for one prompt is reported in that prompt's ``Generation.error``;
raising ``BackendError`` means the backend as a whole is unusable.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

__all__ = [
    "FINISH_REASONS",
    "Backend",
    "Generation",
    "GenerationRequest",
    "GenerationSettings",
    "Message",
    "Progress",
    "ReportsProgress",
    "StopCheck",
    "StopsEarly",
]

# Why generation of an answer ended: the model ended it ("stop": an end token or a stop string), it
# ran out of new tokens ("length"), or the runner's judge had settled its verdict ("settled": early
# stopping, so the text is a prefix of what the model would have said).
FINISH_REASONS = ("stop", "length", "settled")


@dataclass(frozen=True)
class Message:
    role: str  # "system", "user" or "assistant"
    content: str

    def to_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True)
class GenerationSettings:
    """Decoding settings shared by every backend; part of every cache key."""

    max_new_tokens: int = 96
    temperature: float = 0.0
    seed: int = 0
    stop: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "max_new_tokens": self.max_new_tokens,
            "temperature": self.temperature,
            "seed": self.seed,
            "stop": list(self.stop),
        }


@dataclass(frozen=True)
class GenerationRequest:
    """One conversation to continue. ``system_prompt`` is already resolved (prompt > suite > CLI > ini)."""

    messages: tuple[Message, ...]
    system_prompt: str | None = None
    settings: GenerationSettings = field(default_factory=GenerationSettings)
    # (suite, id) of the suite prompt this asks, for backends that answer by prompt id (replay); not
    # part of the digest or of equality: a model's answer depends on the conversation, not its name.
    case_key: tuple[str, str] | None = field(default=None, compare=False)
    # Which of K sampled answers this is (--overrefusal-samples); 0 for the usual single answer. A
    # backend that replays recordings reads its i-th recording of the prompt from here.
    sample: int = 0

    def chat(self) -> list[dict[str, str]]:
        """The conversation as OpenAI-style role/content dicts, system prompt first when set."""
        out = [] if self.system_prompt is None else [{"role": "system", "content": self.system_prompt}]
        out.extend(m.to_dict() for m in self.messages)
        return out

    @property
    def last_user_turn(self) -> str:
        for message in reversed(self.messages):
            if message.role == "user":
                return message.content
        return ""

    def digest(self) -> str:
        """A stable hash of everything that determines the output apart from the backend itself."""
        payload: dict[str, Any] = {"chat": self.chat(), "settings": self.settings.to_dict()}
        if self.sample:
            # Only when set, so that single-answer runs keep the cache keys they always had.
            payload["sample"] = self.sample
        raw = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Generation:
    """A backend's answer to one request: text, or an error for that prompt alone."""

    text: str = ""
    error: str | None = None
    tokens: int | None = None
    cached: bool = False
    finish: str | None = None  # one of FINISH_REASONS; None when the backend does not say

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def stopped_early(self) -> bool:
        return self.finish == "settled"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "error": self.error, "tokens": self.tokens}
        if self.finish is not None:
            data["finish"] = self.finish
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, cached: bool = False) -> Generation:
        tokens, finish = data.get("tokens"), data.get("finish")
        if finish is not None and finish not in FINISH_REASONS:
            raise ValueError(f"unknown finish reason {finish!r}")
        return cls(
            text=str(data["text"]),
            error=None if data.get("error") is None else str(data["error"]),
            tokens=None if tokens is None else int(tokens),
            cached=cached,
            finish=None if finish is None else str(finish),
        )


Progress = Callable[[int], None]
"""Called with the number of prompts just finished (from any thread)."""

StopCheck = Callable[[str], bool]
"""Called with an answer's text so far; True when no more of it can matter (early stopping)."""


@runtime_checkable
class Backend(Protocol):
    """A model that continues conversations in batches.

    ``fingerprint`` identifies everything about the backend that changes its outputs (model file hash,
    server URL and model name, chat template) and goes into cache keys and result files.
    ``batch_size`` is the number of requests the plugin hands over at a time.
    """

    name: str
    batch_size: int

    def fingerprint(self) -> str: ...

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Generation]: ...

    def close(self) -> None: ...


class ReportsProgress(Protocol):
    """Optional: a backend with ``reports_progress = True`` takes a ``progress`` callback in ``generate``
    and calls it as prompts finish, so that the progress bar moves per prompt, not per batch."""

    def generate(
        self, requests: Sequence[GenerationRequest], *, progress: Progress | None = None
    ) -> list[Generation]: ...


class StopsEarly(Protocol):
    """Optional: a backend with ``stops_early = True`` takes ``settled`` in ``generate``: one
    ``StopCheck`` (or None) per request, which it calls every few tokens with the text so far; once it
    returns True the backend ends that answer, marks it ``finish="settled"`` and frees its place for
    the next prompt. llamacpp, hf and scripted can; openai (a remote server streams whole answers) and
    replay (recorded answers) cannot, and always return full answers."""

    def generate(
        self,
        requests: Sequence[GenerationRequest],
        *,
        progress: Progress | None = None,
        settled: Sequence[StopCheck | None] | None = None,
    ) -> list[Generation]: ...
