"""The runner's side of early stopping: per-request stop checks from the judge, and their cache keys.

A run stops an answer early when three things hold: early stopping is on (the default; off with
``--overrefusal-full-responses``), the judge can say when a verdict is settled (``settled``, see
judges/settle.py), and the backend can stop one sequence of a batch (``stops_early``, see
backends/base.py). Each check asks the judge about the conversation's answer so far, so a stopped
answer is one whose judgement no continuation could change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from .backends.base import GenerationRequest, StopCheck
from .cache import cache_key
from .judges.base import Judge, JudgeInput
from .judges.settle import can_settle, settle_fingerprint
from .results import CaseResult

__all__ = ["EarlyStop", "early_stop_applies", "finish_note", "stopped_line"]


def early_stop_applies(enabled: bool, backend: Any, judge: Judge) -> bool:
    return enabled and bool(getattr(backend, "stops_early", False)) and can_settle(judge)


class EarlyStop:
    """Stop checks for one list of requests (``inputs[i]`` is request i's judge input with no response yet)."""

    def __init__(self, judge: Judge, inputs: Sequence[JudgeInput]) -> None:
        self.judge = judge
        self.inputs = list(inputs)

    def check(self, index: int) -> StopCheck:
        settled = self.judge.settled  # type: ignore[attr-defined]  # present: early_stop_applies checked
        item = self.inputs[index]

        def done(text: str) -> bool:
            return bool(settled(replace(item, response=text)))

        return done

    def checks(self, indices: Sequence[int]) -> list[StopCheck]:
        return [self.check(i) for i in indices]

    def cache_keys(self, backend_fingerprint: str, requests: Sequence[GenerationRequest]) -> list[str]:
        """Where early-stopped answers are cached: the backend's key salted with the judge that settled them."""
        salt = f"{backend_fingerprint}|{settle_fingerprint(self.judge)}"
        return [cache_key(salt, r) for r in requests]


def finish_note(finish: str | None, tokens: int | None) -> str:
    """What reports say about an early-stopped answer, so none pretends to show a full one ("" otherwise)."""
    if finish != "settled":
        return ""
    after = "" if tokens is None else f" after {tokens} tokens"
    return f"[answer stopped{after} once its verdict was settled: not the full answer]"


def stopped_line(results: Iterable[CaseResult]) -> str:
    """The run summary's line on early stopping ("" when no answer was stopped)."""
    answered = [r for r in results if r.error is None]
    stopped = [r for r in answered if r.stopped_early]
    if not stopped:
        return ""
    return (
        f"early stopping: {len(stopped)} of {len(answered)} answers stopped once their verdict was settled "
        "(--overrefusal-full-responses generates them in full)"
    )
