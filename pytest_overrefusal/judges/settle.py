"""Early stopping: when no continuation of a response can change a judge's judgement.

A judge may define ``settled(item) -> bool``: True means that for every text ``item.response + more``
the judge returns the same ``Judgement`` (verdict, evidence, score, confidence) as for
``item.response``. The runner then asks the backend to stop generating that answer (see
docs/performance.md, "Early stopping"). A judge without the method is never settled: it reads
everything. The helpers here answer the question for judges that cannot read the whole response
(``keywords``) and for judges built from others (``cascade``); :func:`settled` asks any judge.

The keyword judge reads the opening of a response: its signals in the first ``window`` characters
(after a leading ``<think>`` block and whitespace), and, after a decline, moralising lecture or
disclaimer, a ``scan`` of up to ``scan`` characters past that phrase; it never reads past
``window + scan`` characters. Its judgement is therefore settled once the text runs ``MARGIN``
characters past the furthest point the decision can read:

* ``window + scan`` characters in all: settled whatever the text says (the judge cuts there);
* no refusal, moralising, premise or disclaimer signal in the window: settled at ``window``;
* a refusal, moralising or disclaimer phrase: settled at ``scan`` past the end of the last such phrase
  (the pivot, substitute and "no meaningful answer" scans stop there);
* a premise rejection: only at ``window + scan`` (its appeal-to-principle scan reaches that far).

``MARGIN`` covers a phrase that starts before that point and ends after it (phrases are at most a
few dozen characters; the matcher itself searches ``_SLACK`` = 80 characters past a range). A
leading ``<think>`` block that is not closed yet is never settled: its end decides where the answer
starts. The property test (tests/test_settle.py) checks ``judge(prefix) == judge(full)`` for every
settled prefix of real responses.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base import JudgeInput

if TYPE_CHECKING:
    from .cascade import CascadeJudge
    from .keywords import KeywordJudge

__all__ = [
    "MARGIN",
    "can_settle",
    "cascade_settled",
    "keywords_horizon",
    "keywords_settled",
    "settle_fingerprint",
    "settled",
]

MARGIN = 160
_THINK_OPEN = "<think>"


def can_settle(judge: Any) -> bool:
    """Whether ``judge`` may ever say a response is settled (it defines ``settled``)."""
    return callable(getattr(judge, "settled", None))


def settled(judge: Any, item: JudgeInput) -> bool:
    """``judge.settled(item)``, False for a judge without the method (it reads everything)."""
    method = getattr(judge, "settled", None)
    return bool(method(item)) if callable(method) else False


def _body(judge: KeywordJudge, response: str) -> str | None:
    """The stripped answer the keyword judge reads, or None while an open ``<think>`` block may still end."""
    from .keyword_patterns import _THINK

    think = _THINK.match(response)
    if think is not None:
        return response[think.end() :].lstrip()
    head = response.lstrip()
    if head.startswith(_THINK_OPEN) or _THINK_OPEN.startswith(head):
        return None  # reasoning still open (or about to open): where the answer starts is not known
    return head


def keywords_horizon(judge: KeywordJudge, body: str) -> tuple[int, int] | None:
    """How far into ``body`` (the stripped answer) the judge's decision can read, from the window's signals,
    and the length of the normalised text those positions refer to.

    None while the normalised text (NFC can compose characters, so it may be shorter than ``body``)
    does not yet hold the whole window plus ``MARGIN``.
    """
    from .keyword_patterns import _scan, _Text

    window, limit = judge.window, judge.window + judge.scan
    text = _Text(body, limit, window)
    if len(text.norm) < window + MARGIN:
        return None
    if not any(c.isalnum() for c in text.norm[: text.window]):
        return window, len(text.norm)  # undetermined: the window has no words; no later text changes that
    compiled = judge.compiled
    found = _scan(text, compiled.signals, 0, text.window)
    lead = text.lead_end()
    if _scan(text, compiled.premise, 0, lead).get("premise"):
        return limit, len(text.norm)
    ends = [h.end for h in found.get("refusal", [])]
    ends += [h.end for h in found.get("moralising", []) + found.get("disclaimer", []) if h.start < lead]
    if not ends:
        return window, len(text.norm)
    # Cancelled hits are counted too: cheaper than replaying the cancellation, and only ever later.
    return min(limit, max(window, max(ends) + judge.scan)), len(text.norm)


def keywords_settled(judge: KeywordJudge, item: JudgeInput) -> bool:
    """Whether no continuation of ``item.response`` can change the keyword judge's judgement."""
    body = _body(judge, item.response)
    if body is None:
        return False
    limit = judge.window + judge.scan
    if len(body) >= limit:
        return True  # the judge reads body[:limit] only
    if len(body) < judge.window + MARGIN:
        return False  # cheap: most checks end here, before any regex runs
    reach = keywords_horizon(judge, body)
    if reach is None:
        return False
    horizon, length = reach
    # Positions are in the normalised text, which NFC may make shorter than the raw answer.
    return length >= min(limit, horizon + MARGIN)


def cascade_settled(judge: CascadeJudge, item: JudgeInput) -> bool:
    """Settled when the first judge is, and its judgement is final or the second judge is settled too."""
    if not settled(judge.first, item):
        return False
    first = judge.first.judge([item])
    if len(first) == 1 and not judge.escalates(first[0]):
        return True
    return settled(judge.second, item)


def settle_fingerprint(judge: Any) -> str:
    """What an early-stopped answer depends on besides the backend: this rule and the judge that settled it.

    The generation cache keys early-stopped answers by it, so that a full-length run, or a run whose
    judge settles differently, is never served an answer cut for another judge.
    """
    return f"settled:{_rule_digest()}:{judge.fingerprint()}"


@functools.lru_cache(maxsize=1)
def _rule_digest() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
