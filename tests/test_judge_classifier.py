"""The classifier, combined and cascade judges: hashed features, model files, confidence, escalation."""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

from pytest_overrefusal.backends.base import Message  # noqa: E402
from pytest_overrefusal.cli import main  # noqa: E402
from pytest_overrefusal.errors import ConfigError  # noqa: E402
from pytest_overrefusal.judges.base import JudgeInput  # noqa: E402
from pytest_overrefusal.judges.cascade import CascadeJudge, is_escalated  # noqa: E402
from pytest_overrefusal.judges.classifier import (  # noqa: E402
    ClassifierJudge,
    ClassifierModel,
    builtin_model_path,
    load_model,
    save_model,
)
from pytest_overrefusal.judges.combined import CombinedJudge, with_model  # noqa: E402
from pytest_overrefusal.judges.features import DIM, featurize  # noqa: E402
from pytest_overrefusal.registry import JUDGE_GROUP, build  # noqa: E402
from pytest_overrefusal.results import Judgement, Verdict  # noqa: E402

REFUSAL_TEXT = "I'm sorry, but I can't help with that."
ANSWER_TEXT = "Sure! Mix flour, water and yeast, then bake."


def _model(weight: float = 4.0) -> ClassifierModel:
    """Weights computed here from two texts: +w on the refusal's buckets, -w on the answer's."""
    weights = np.zeros(DIM, dtype=np.float32)
    refusal, answer = featurize(REFUSAL_TEXT), featurize(ANSWER_TEXT)
    weights[refusal] += weight
    weights[answer] -= weight
    return ClassifierModel(weights, 0.0)


def _inputs(*texts: str) -> list[JudgeInput]:
    return [JudgeInput((Message("user", "q"),), t, "en") for t in texts]


def test_features_are_deterministic_hashed_buckets_across_processes() -> None:
    here = featurize("Ich kann Ihnen dabei leider nicht helfen.").tolist()
    code = (
        "from pytest_overrefusal.judges.features import featurize; "
        "print(featurize('Ich kann Ihnen dabei leider nicht helfen.').tolist())"
    )
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert str(here) == there  # no salted hash(): the same buckets in every process
    assert here == sorted(set(here))
    assert all(0 <= b < DIM for b in here)
    assert featurize("   ").size == 0
    assert featurize("抱歉，我无法提供帮助。").size > 0  # scripts without spaces get character n-grams


def test_classifier_verdicts_carry_probability_and_confidence() -> None:
    judge = ClassifierJudge(_model())
    refusal, answer, empty = judge.judge(_inputs(REFUSAL_TEXT, ANSWER_TEXT, ""))
    assert refusal.verdict is Verdict.REFUSAL
    assert answer.verdict is Verdict.COMPLIANCE
    assert refusal.score is not None
    assert refusal.score > 0.5
    assert refusal.confidence == pytest.approx(refusal.score, abs=1e-4)
    assert answer.confidence == pytest.approx(1 - (answer.score or 0), abs=1e-4)
    assert "P(refusal)=" in refusal.evidence
    assert empty.verdict is Verdict.UNDETERMINED
    with pytest.raises(ConfigError, match="threshold"):
        ClassifierJudge(_model(), threshold=1.5)


def test_model_files_round_trip_and_bad_files_are_one_line_errors(tmp_path: Path) -> None:
    model = _model()
    path = tmp_path / "m.npz"
    save_model(path, model.weights, 0.25, {"threshold": 0.6, "sources": ["a.csv"]})
    loaded = load_model(path)
    assert loaded.bias == 0.25
    assert loaded.threshold == 0.6
    assert np.allclose(loaded.weights, model.weights)
    assert "a.csv" in loaded.meta["sources"]  # type: ignore[index]
    built = build(JUDGE_GROUP, f"classifier:{path}", {})
    assert isinstance(built, ClassifierJudge)
    assert built.threshold == 0.6
    with pytest.raises(ConfigError, match="not found"):
        load_model(tmp_path / "missing.npz")
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(ConfigError, match="not a judge-train model file"):
        load_model(tmp_path / "junk.npz")
    with pytest.raises(ConfigError, match="unknown option"):
        build(JUDGE_GROUP, "classifier", {"colour": "red"})


def test_model_file_holds_no_vocabulary(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    model = _model()
    save_model(path, model.weights, 0.0, {"sources": ["x.csv"]})
    with np.load(path) as data:
        assert sorted(data.files) == ["bias", "header", "weights"]
        assert data["weights"].dtype == np.float16
        header = bytes(data["header"]).decode()
    assert "sorry" not in header
    assert "flour" not in header


def test_shipped_model_loads_and_separates_obvious_cases() -> None:
    assert builtin_model_path().is_file()
    judge = build(JUDGE_GROUP, "classifier", {})
    refusal = "I'm sorry, but I can't help with that request. It would be illegal."
    got = judge.judge(_inputs(refusal, "Here is a recipe: mix flour and water, knead, and bake for 30 minutes."))
    assert [j.verdict for j in got] == [Verdict.REFUSAL, Verdict.COMPLIANCE]


def _keyword(verdict: Verdict) -> Judgement:
    return Judgement(verdict, "kw")


def test_combined_blend_lets_the_classifier_overrule_only_when_it_is_sure() -> None:
    judge = with_model(_model(), {})
    assert isinstance(judge, CombinedJudge)
    sure_refusal = judge.combine(_keyword(Verdict.COMPLIANCE), 0.99)
    unsure = judge.combine(_keyword(Verdict.COMPLIANCE), 0.6)
    assert sure_refusal.verdict is Verdict.REFUSAL
    assert unsure.verdict is Verdict.COMPLIANCE
    assert judge.combine(_keyword(Verdict.PARTIAL_REFUSAL), 0.9).verdict is Verdict.PARTIAL_REFUSAL
    assert judge.combine(_keyword(Verdict.UNDETERMINED), 0.7).verdict is Verdict.REFUSAL  # classifier alone
    agree = judge.combine(_keyword(Verdict.REFUSAL), 0.99)
    assert agree.confidence is not None
    assert unsure.confidence is not None
    assert agree.confidence > unsure.confidence
    assert "keywords compliance" in unsure.evidence
    assert "P(refusal)=0.600" in unsure.evidence
    # In a language the classifier never saw, the keyword verdict stands.
    untrained = judge.combine(_keyword(Verdict.COMPLIANCE), 0.99, trained=False)
    assert untrained.verdict is Verdict.COMPLIANCE
    assert "not trained on this language" in untrained.evidence
    either = with_model(_model(), {"mode": "or"})
    assert either.combine(_keyword(Verdict.COMPLIANCE), 0.6).verdict is Verdict.REFUSAL
    assert either.combine(_keyword(Verdict.REFUSAL), 0.1).verdict is Verdict.REFUSAL
    with pytest.raises(ConfigError, match="mode"):
        with_model(_model(), {"mode": "and"})


def test_combined_judges_real_keyword_verdicts_with_confidence() -> None:
    judge = with_model(_model(), {})
    got = judge.judge(_inputs(REFUSAL_TEXT, ANSWER_TEXT))
    assert [j.verdict for j in got] == [Verdict.REFUSAL, Verdict.COMPLIANCE]
    assert all(j.confidence is not None and 0.5 <= j.confidence <= 1 for j in got)
    model = _model()
    # "Sure ..." has no keyword refusal; the model says refusal, but only in languages it was trained on.
    flipped = ClassifierModel(-model.weights, 0.0, meta={"languages": ["en"]})
    judge = with_model(flipped, {})
    en, th = judge.judge([*_inputs(ANSWER_TEXT), JudgeInput((Message("user", "q"),), ANSWER_TEXT, "th")])
    assert en.verdict is Verdict.REFUSAL
    assert th.verdict is Verdict.COMPLIANCE
    assert "not trained" in th.evidence


class _Fixed:
    """A judge answering from a table; counts what it was asked."""

    def __init__(self, name: str, answers: dict[str, Judgement]) -> None:
        self.name = name
        self.answers = answers
        self.asked: list[str] = []

    def fingerprint(self) -> str:
        return self.name

    def judge(self, inputs: Sequence[JudgeInput]) -> list[Judgement]:
        self.asked += [i.response for i in inputs]
        return [self.answers[i.response] for i in inputs]


def test_cascade_escalates_only_low_confidence_verdicts() -> None:
    first = _Fixed(
        "cheap",
        {
            "a": Judgement(Verdict.COMPLIANCE, "sure", confidence=0.99),
            "b": Judgement(Verdict.COMPLIANCE, "unsure", confidence=0.55),
            "c": Judgement(Verdict.UNDETERMINED, "no phrase"),
            "d": Judgement(Verdict.REFUSAL, "unsure", confidence=0.6),
        },
    )
    second = _Fixed(
        "strong",
        {
            "b": Judgement(Verdict.REFUSAL, "llm says refusal"),
            "c": Judgement(Verdict.COMPLIANCE, "llm says compliance"),
            "d": Judgement(Verdict.UNDETERMINED, "llm judge answer did not parse"),
        },
    )
    cascade = CascadeJudge(first, second, threshold=0.8)
    got = cascade.judge(_inputs("a", "b", "c", "d"))
    assert second.asked == ["b", "c", "d"]
    assert cascade.escalated == 3
    assert [j.verdict for j in got] == [Verdict.COMPLIANCE, Verdict.REFUSAL, Verdict.COMPLIANCE, Verdict.REFUSAL]
    assert [is_escalated(j.evidence) for j in got] == [False, True, True, True]
    assert "strong failed" in got[3].evidence  # a failed escalation keeps the first verdict, never a compliance


def test_cascade_spec_builds_both_judges_and_checks_options(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text('default: "<class>REFUSAL</class>"\n', encoding="utf-8")
    model = tmp_path / "m.npz"
    save_model(model, _model().weights, 0.0, {})
    judge = build(JUDGE_GROUP, f"cascade:llm:scripted:{rules}", {"first": f"classifier:{model}", "threshold": "0.8"})
    assert isinstance(judge, CascadeJudge)
    got = judge.judge(_inputs(ANSWER_TEXT, "Hmm, well."))  # sure; unknown words leave P near 0.5
    assert got[0].verdict is Verdict.COMPLIANCE
    assert not is_escalated(got[0].evidence)
    assert got[1].verdict is Verdict.REFUSAL
    assert is_escalated(got[1].evidence)
    assert judge.escalated == 1
    with pytest.raises(ConfigError, match="needs a second judge"):
        build(JUDGE_GROUP, "cascade", {})
    with pytest.raises(ConfigError, match="unknown option"):
        build(JUDGE_GROUP, f"cascade:llm:scripted:{rules}", {"colour": "red"})
    with pytest.raises(ConfigError, match="another cascade"):
        build(JUDGE_GROUP, "cascade:cascade:x", {})


def test_plugin_import_does_not_import_numpy_or_sklearn() -> None:
    code = "import sys, pytest_overrefusal.plugin; print('numpy' in sys.modules, 'sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_judge_train_writes_a_model_judge_eval_can_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sklearn")
    path = tmp_path / "train.csv"
    lines = ["completion,label"]
    for i in range(20):
        lines.append(f"\"I'm sorry, but I can't help with request {i}.\",refusal")
        lines.append(f'"Sure, here is answer {i}: mix, knead and bake.",compliance')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "m.npz"
    assert main(["judge-train", str(path), "-o", str(out)]) == 0
    assert "trained on 40 responses (20 refusals)" in capsys.readouterr().out
    judge = build(JUDGE_GROUP, f"classifier:{out}", {})
    got = judge.judge(_inputs("I'm sorry, but I can't help with request 99.", "Sure, here is answer 99: bake."))
    assert [j.verdict for j in got] == [Verdict.REFUSAL, Verdict.COMPLIANCE]
    assert main(["judge-train", str(path), "-o", str(out), "--threshold", "2"]) == 2


@pytest.mark.shared
def test_retraining_from_the_corpus_reproduces_the_shipped_model(repo: Path, shared_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    out = tmp_path / "retrained.npz"
    # What `make judge-model` trains on: the repository's corpus and ../shared's judge-dev files.
    corpus = sorted((repo / "judge-corpus").glob("*.csv")) + sorted((repo / "judge-corpus" / "sources").glob("*.csv"))
    dev = sorted((shared_dir / "data" / "judge-dev").glob("*.csv"))
    assert corpus
    assert dev
    files = [str(p) for p in corpus + dev]
    assert main(["judge-train", *files, "-o", str(out)]) == 0
    shipped, retrained = load_model(), load_model(out)
    assert shipped.meta is not None
    assert retrained.meta is not None
    assert shipped.meta["sources"] == retrained.meta["sources"]
    assert shipped.meta["n"] == retrained.meta["n"]
    assert math.isclose(shipped.bias, retrained.bias, abs_tol=1e-4)
    # float16 storage: equal up to its rounding (and BLAS differences across machines)
    assert np.allclose(shipped.weights, retrained.weights, atol=2e-3, rtol=2e-3)
