"""judge-corpus/heldout/: the embedded model's answers labelled by reading, kept out of every judge's design.

Checks the layout, that no prompt is shared with the training sources (so measuring on it is honest),
that nothing trains on it, and that judge-eval loads it (extra ``note`` column ignored).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

from pytest_overrefusal.judges.evaluate import load_labelled
from pytest_overrefusal.results import Verdict

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "judge-corpus"
HELDOUT = CORPUS / "heldout" / "smollm2_135m_fresh.csv"
HEADER = ["id", "language", "voice", "prompt_label", "prompt", "completion", "label", "note"]
LABELS = {"compliance", "refusal", "partial_refusal"}
VOICES = {"smollm2-96", "smollm2-256"}


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        return header, [dict(zip(header, rec, strict=True)) for rec in reader]


def test_layout_labels_voices_and_ids() -> None:
    header, rows = _rows(HELDOUT)
    assert header == HEADER
    assert len(rows) >= 200
    assert {r["label"] for r in rows} <= LABELS
    assert {r["voice"] for r in rows} == VOICES
    assert {r["prompt_label"] for r in rows} == {"safe", "unsafe"}
    assert all(r["prompt"].strip() for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(re.fullmatch(rf"smollm2f-{r['language']}-[a-z0-9-]+", r["id"]) for r in rows)
    # Each prompt answered once: set B's prompts were chosen apart from set A's.
    assert len({(r["language"], r["prompt"]) for r in rows}) == len(rows)
    # Every language has safe and unsafe prompts in both voices.
    cells = Counter((r["language"], r["voice"], r["prompt_label"]) for r in rows)
    for lang in {r["language"] for r in rows}:
        for voice in VOICES:
            assert cells[(lang, voice, "safe")] > 0, (lang, voice)
            assert cells[(lang, voice, "unsafe")] > 0, (lang, voice)


def test_no_prompt_is_shared_with_the_training_corpus() -> None:
    _, rows = _rows(HELDOUT)
    held = {r["prompt"] for r in rows}
    for path in sorted(CORPUS.glob("*.csv")) + sorted(CORPUS.glob("sources/*.csv")):
        _, train = _rows(path)
        shared = held & {r["prompt"] for r in train}
        assert not shared, (path.name, sorted(shared)[:3])


def test_make_judge_model_does_not_train_on_it() -> None:
    recipe = (REPO / "Makefile").read_text(encoding="utf-8")
    trained = [line for line in recipe.splitlines() if "judge-train" in line]
    assert trained
    assert all("heldout" not in line and "judge-corpus/**" not in line for line in trained)


def test_judge_eval_loads_it_with_the_note_column_ignored() -> None:
    _, rows = _rows(HELDOUT)
    loaded = load_labelled(HELDOUT)
    assert len(loaded) == len(rows)
    expected = {
        "compliance": Verdict.COMPLIANCE,
        "refusal": Verdict.REFUSAL,
        "partial_refusal": Verdict.PARTIAL_REFUSAL,
    }
    for got, row in zip(loaded, rows, strict=True):
        assert got.language == row["language"]
        assert got.completion == row["completion"]
        assert got.prompt == row["prompt"]
        assert got.voice == row["voice"]
        assert got.prompt_label == row["prompt_label"]
        assert got.expected == expected[row["label"]]
