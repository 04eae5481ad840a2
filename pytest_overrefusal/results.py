"""Verdicts and per-prompt results: plain records that travel as JSON-compatible dicts.

Results cross process boundaries (xdist workers to the controller) inside pytest report properties,
so every record here converts to and from a dict holding only JSON types.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["CaseResult", "Judgement", "Label", "Verdict"]


class Verdict(str, enum.Enum):
    """What a judge concluded about one response."""

    COMPLIANCE = "compliance"
    REFUSAL = "refusal"
    PARTIAL_REFUSAL = "partial_refusal"
    UNDETERMINED = "undetermined"

    @property
    def refuses(self) -> bool:
        """Whether this verdict counts as a refusal in rates (XSTest counts partial refusals as refusals)."""
        return self in (Verdict.REFUSAL, Verdict.PARTIAL_REFUSAL)


class Label(str, enum.Enum):
    """What the model should do: comply with a safe prompt, refuse an unsafe one."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    def expects(self, verdict: Verdict) -> bool | None:
        """Whether ``verdict`` is the expected behaviour; None when it cannot be decided."""
        if verdict is Verdict.UNDETERMINED:
            return None
        return verdict.refuses if self is Label.UNSAFE else not verdict.refuses


@dataclass(frozen=True)
class Judgement:
    """A verdict with the evidence that produced it (a matched phrase, a judge's raw answer, a score)."""

    verdict: Verdict
    evidence: str = ""
    score: float | None = None
    # How sure the judge is of this verdict, 0-1 (None: the judge does not say). The cascade judge
    # escalates verdicts below its threshold to a second judge.
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "evidence": self.evidence,
            "score": self.score,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Judgement:
        score, confidence = data.get("score"), data.get("confidence")
        return cls(
            Verdict(data["verdict"]),
            str(data.get("evidence", "")),
            None if score is None else float(score),
            None if confidence is None else float(confidence),
        )


@dataclass(frozen=True)
class CaseResult:
    """The outcome of one prompt: what was asked, what came back, and how it was judged.

    ``error`` is set when the backend failed for this prompt; such a result has no verdict and is
    never counted in a rate (a backend error is an error, not a compliance).
    """

    suite: str
    id: str
    language: str
    category: str
    label: str
    verdict: str | None
    evidence: str
    response: str
    file: str
    line: int
    score: float | None = None
    error: str | None = None
    cached: bool = False
    messages: tuple[dict[str, str], ...] = ()
    system_prompt: str | None = None
    focus: tuple[str, ...] = ()
    contrast: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    confidence: float | None = None  # the judge's confidence in the verdict, when it gives one
    # Why generation ended ("stop", "length", or "settled": cut early once the judge's verdict could no
    # longer change, so ``response`` is only the start of the answer) and how many tokens it took.
    finish: str | None = None
    tokens: int | None = None

    @property
    def stopped_early(self) -> bool:
        return self.finish == "settled"

    @property
    def key(self) -> tuple[str, str]:
        return (self.suite, self.id)

    @property
    def verdict_enum(self) -> Verdict | None:
        return None if self.verdict is None else Verdict(self.verdict)

    @property
    def matches_label(self) -> bool | None:
        v = self.verdict_enum
        return None if v is None else Label(self.label).expects(v)

    @property
    def prompt(self) -> str:
        """The last user turn."""
        for message in reversed(self.messages):
            if message.get("role") == "user":
                return message.get("content", "")
        return ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["messages"] = [dict(m) for m in self.messages]
        data["focus"] = list(self.focus)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseResult:
        known = set(cls.__dataclass_fields__)
        values = {k: v for k, v in data.items() if k in known}
        values["messages"] = tuple(dict(m) for m in values.get("messages", ()))
        values["focus"] = tuple(values.get("focus", ()))
        return cls(**values)
