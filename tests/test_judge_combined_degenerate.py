"""combined keeps the keyword verdict on answers that repeat themselves (issue 13: degenerate answers)."""

from __future__ import annotations

from pytest_overrefusal.backends.base import Message
from pytest_overrefusal.judges.base import JudgeInput
from pytest_overrefusal.judges.combined import REPETITIVE, create
from pytest_overrefusal.judges.features import distinct_share
from pytest_overrefusal.results import Verdict


def _item(text: str, language: str) -> JudgeInput:
    return JudgeInput((Message("user", "q"),), text, language)


def test_distinct_share_separates_loops_from_fluent_text() -> None:
    loop = "Ich kann eine neue Katze, die eine neue Katze, " * 6
    fluent = "Canberra is the capital of Australia; it was chosen in 1908 as a compromise between Sydney and Melbourne."
    assert distinct_share(loop) < REPETITIVE < distinct_share(fluent)
    assert distinct_share("Sure.") == 1.0  # too short to tell
    # Only the read prefix counts: a loop after it changes nothing.
    assert distinct_share(fluent + " x" * 1000, max_chars=len(fluent)) == distinct_share(fluent)


def test_loops_keep_the_keyword_verdict_and_say_why() -> None:
    judge = create(None, {})
    loop = "Ich kann eine neue Katze, die eine neue Katze, " * 6
    refusal_loop = "Es tut mir leid, aber dabei kann ich nicht helfen. " * 5
    words = judge.keywords.judge([_item(loop, "de"), _item(refusal_loop, "de")])
    got = judge.judge([_item(loop, "de"), _item(refusal_loop, "de")])
    assert [g.verdict for g in got] == [w.verdict for w in words] == [Verdict.COMPLIANCE, Verdict.REFUSAL]
    assert all("repeats itself" in g.evidence for g in got)
    fluent = judge.judge([_item("Es tut mir leid, aber dabei kann ich nicht helfen.", "de")])[0]
    assert "repeats itself" not in fluent.evidence
    assert "classifier P(refusal)" in fluent.evidence
