"""The classifier reads a bounded answer prefix, and says when a response is settled (issue 13, early stopping).

Property: over every corpus row, at every prefix length where ``settled(prefix)`` is True, the
verdict on the prefix equals the verdict on the whole response (verdict, confidence, evidence).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from pytest_overrefusal.backends.base import Message
from pytest_overrefusal.judges.base import JudgeInput
from pytest_overrefusal.judges.classifier import BOUNDARY, ClassifierJudge, load_model
from pytest_overrefusal.judges.combined import CombinedJudge
from pytest_overrefusal.judges.features import answer_start, featurize
from pytest_overrefusal.results import Judgement, Verdict


def _item(text: str, language: str = "en") -> JudgeInput:
    return JudgeInput((Message("user", "q"),), text, language)


def _corpus(repo: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    # The training corpus only: judge-corpus/heldout/ is evaluation data no judge may be designed on.
    corpus = repo / "judge-corpus"
    for path in sorted(corpus.glob("*.csv")) + sorted(corpus.glob("sources/*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows.extend((r["completion"], r.get("language") or "en") for r in csv.DictReader(f))
    return rows


@pytest.fixture(scope="module")
def judge() -> ClassifierJudge:
    return ClassifierJudge(load_model())


def test_the_shipped_model_names_how_much_it_reads(judge: ClassifierJudge) -> None:
    assert judge.model.meta is not None
    assert judge.max_chars == judge.model.meta["max_chars"]
    assert 100 <= judge.max_chars <= 2000


def test_features_never_depend_on_text_past_the_prefix(judge: ClassifierJudge) -> None:
    n = judge.max_chars
    base = "Sure, here is how. " * 100
    assert list(featurize(base, n)) == list(featurize(base[:n] + "I'm sorry, but I can't help with that.", n))
    think = "<think>\nThe user asks something harmless.\n</think>\n\n"
    # The think block is not counted: the prefix starts where the answer does.
    assert list(featurize(think + base, n)) == list(featurize(think + base[:n] + "xyz" * 50, n))


def test_answer_start_waits_for_an_open_think_block() -> None:
    assert answer_start("Hello") == 0
    assert answer_start("<think>still deliberating") is None
    assert answer_start("  <thi") is None
    assert answer_start("<think>a</think>\n\nAnswer") == len("<think>a</think>")


def test_settled_only_once_the_read_prefix_is_complete(judge: ClassifierJudge) -> None:
    n = judge.max_chars
    assert not judge.settled(_item("I'm sorry, but I can't help with that."))
    assert not judge.settled(_item("x" * (n + BOUNDARY - 1)))
    assert judge.settled(_item("x" * (n + BOUNDARY)))
    # A reasoning block of any length does not count toward the prefix, and an open one never settles.
    assert not judge.settled(_item("<think>" + "y" * 5 * n))
    assert not judge.settled(_item("<think>y</think>" + "x" * (n + BOUNDARY - 1)))
    assert judge.settled(_item("<think>y</think>" + "x" * (n + BOUNDARY)))


def _lengths(text: str, n: int) -> Sequence[int]:
    """Prefix lengths to try: the first settled one and a few past it, up to the whole response."""
    start = answer_start(text)
    if start is None:
        return []
    first = start + n + BOUNDARY
    return sorted({k for k in (first, first + 1, first + 7, first + 31, len(text) - 1) if first <= k < len(text)})


@pytest.mark.parametrize("read", [None, 80])
@pytest.mark.parametrize("which", ["classifier", "combined"])
def test_settled_prefixes_get_the_full_responses_verdict(
    repo: Path, judge: ClassifierJudge, which: str, read: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped model, and the same weights reading 80 characters (so most corpus rows have settled prefixes)."""
    from pytest_overrefusal.judges.keywords import create as keywords

    if read is not None:
        judge = ClassifierJudge(replace(judge.model, max_chars=read))
    target: ClassifierJudge | CombinedJudge = judge
    if which == "combined":
        words = keywords(None, {})
        # Until the keyword judge says when it is settled (issue 16's half), stand in a rule that
        # holds by construction: the keyword judge reads at most window + scan characters of the
        # answer (a short window here, so that many corpus answers reach it), with room to spare.
        if getattr(words, "settled", None) is None:
            words = keywords(None, {"window": "40", "scan": "40"})
            limit = words.window + words.scan + 200

            def read_all(item: JudgeInput) -> bool:
                start = answer_start(item.response)
                return start is not None and len(item.response) - start >= limit

            monkeypatch.setattr(words, "settled", read_all, raising=False)
        target = CombinedJudge(words, judge)
    rows = _corpus(repo)
    assert len(rows) > 4000
    checked = 0
    prefixes: list[JudgeInput] = []
    fulls: list[JudgeInput] = []
    for text, language in rows:
        full = _item(text, language)
        for k in _lengths(text, judge.max_chars):
            prefix = _item(text[:k], language)
            if target.settled(prefix):
                prefixes.append(prefix)
                fulls.append(full)
                checked += 1
    # The shipped model reads hundreds of characters, which few corpus answers reach; 80 most do.
    assert checked > (2000 if read is not None and which == "classifier" else 20), checked
    got: list[Judgement] = target.judge(prefixes)
    want: list[Judgement] = target.judge(fulls)
    for p, g, w in zip(prefixes, got, want, strict=True):
        assert g == w, p.response[:80]
    # settled means "nothing more can change it", so a settled prefix is never undetermined for lack of text.
    assert all(g.verdict is not Verdict.UNDETERMINED for g in got)


def test_combined_is_never_settled_without_the_keyword_judges_say(judge: ClassifierJudge) -> None:
    from pytest_overrefusal.judges.keywords import create as keywords

    words = keywords(None, {})
    combined = CombinedJudge(words, judge)
    long = _item("Sure. " * 1000)
    if getattr(words, "settled", None) is None:
        assert not combined.settled(long)
    else:
        assert combined.settled(long) == bool(words.settled(long))
    assert not combined.settled(_item("Sure."))


def test_judge_train_stores_max_chars_and_judge_eval_cross_validates_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("sklearn")
    from pytest_overrefusal.cli import main

    path = tmp_path / "train.csv"
    lines = ["completion,label,voice"]
    for i in range(20):
        lines.append(f"\"I'm sorry, but I can't help with request {i}.\",refusal,v{i % 2}")
        lines.append(f'"Sure, here is answer {i}: mix, knead and bake.",compliance,v{i % 2}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "m.npz"
    assert main(["judge-train", str(path), "-o", str(out), "--max-chars", "120"]) == 0
    model = load_model(out)
    assert model.max_chars == 120
    assert ClassifierJudge(model).settled(_item("x" * (120 + BOUNDARY)))
    assert main(["judge-train", str(path), "-o", str(out), "--max-chars", "0"]) == 2
    capsys.readouterr()
    args = ["judge-eval", "--judge", "classifier", "--cross-validate", "--cv-group", "voice", str(path)]
    assert main([*args, "--cv-max-chars", "120"]) == 0
    assert "agreement" in capsys.readouterr().out
    assert main([*args, "--cv-max-chars", "0"]) == 2
