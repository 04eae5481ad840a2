"""The judge protocol: responses in, verdicts with evidence out, in batches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ..backends.base import Message
from ..results import Judgement

__all__ = ["Judge", "JudgeInput"]


@dataclass(frozen=True)
class JudgeInput:
    """What a judge sees: the conversation, the model's response, and the prompt's language code."""

    messages: tuple[Message, ...]
    response: str
    language: str = "en"
    system_prompt: str | None = None  # as sent to the model under test

    @property
    def prompt(self) -> str:
        for message in reversed(self.messages):
            if message.role == "user":
                return message.content
        return ""


@runtime_checkable
class Judge(Protocol):
    """Classifies responses as compliance, refusal, partial_refusal or undetermined.

    Optional class attributes the runner honours:

    * ``needs_response = False``: the judge scores the prompt itself (e.g. first-token log-odds), so
      the runner skips generation and passes empty responses;
    * ``settled(item) -> bool``: True when no continuation of ``item.response`` can change the
      judgement this judge returns for it (verdict, evidence, score and confidence). The runner then
      asks a backend that can to stop generating that answer (early stopping; judges/settle.py,
      docs/performance.md). Absent means never settled: the judge reads the whole response;
    * ``cacheable = True``: verdicts are stored in the run's cache, keyed by the judge fingerprint and
      the input, because computing them is expensive (a judge model).

    A judge must never turn a failure of its own into ``compliance``: a response it cannot classify,
    or a judge model whose answer does not parse, is ``undetermined`` with the reason as evidence.
    """

    name: str

    def fingerprint(self) -> str: ...

    def judge(self, inputs: Sequence[JudgeInput]) -> list[Judgement]: ...
