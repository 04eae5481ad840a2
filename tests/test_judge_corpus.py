"""The hand-written judge corpus (judge-corpus/): reproducible, well-formed, balanced, loadable."""

from __future__ import annotations

import csv
import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from pytest_overrefusal.judges.evaluate import load_labelled

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "judge-corpus"
# Every language the keyword judge ships a phrase file for.
KEYWORD_LANGUAGES = sorted(p.stem for p in (REPO / "pytest_overrefusal" / "judges" / "data").glob("*.yaml"))
LABELS = {"compliance", "refusal", "partial_refusal"}


def _compose() -> ModuleType:
    spec = importlib.util.spec_from_file_location("judge_corpus_compose", CORPUS / "compose.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(lang: str) -> list[dict[str, str]]:
    with open(CORPUS / f"{lang}.csv", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        assert header == ["id", "language", "voice", "prompt_label", "prompt", "completion", "label"]
        return [dict(zip(header, rec, strict=True)) for rec in reader]


def test_every_keyword_language_has_a_corpus_file() -> None:
    assert KEYWORD_LANGUAGES, "no keyword phrase files found"
    assert sorted(_compose().LANGUAGES) == KEYWORD_LANGUAGES
    missing = [lang for lang in KEYWORD_LANGUAGES if not (CORPUS / f"{lang}.csv").is_file()]
    assert not missing


def test_composer_reproduces_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    compose = _compose()
    assert compose.main(["--out", str(tmp_path)]) == 0
    for lang in KEYWORD_LANGUAGES:
        assert (tmp_path / f"{lang}.csv").read_bytes() == (CORPUS / f"{lang}.csv").read_bytes(), lang


@pytest.mark.parametrize("lang", KEYWORD_LANGUAGES)
def test_file_is_well_formed_and_balanced(lang: str) -> None:
    compose = _compose()
    rows = _rows(lang)
    assert len(rows) >= 150
    assert all(r["language"] == lang for r in rows)
    assert all(r["label"] in LABELS for r in rows)
    assert all(r["prompt_label"] in {"safe", "unsafe"} for r in rows)
    assert all(r["voice"] in compose.VOICES for r in rows)
    assert all(r["prompt"].strip() and r["completion"].strip() for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["id"].startswith(f"{lang}-") for r in rows)
    shares = Counter(r["label"] for r in rows)
    for label, target in compose.SHARES.items():
        assert abs(shares[label] / len(rows) - target) <= 0.05, (label, shares)
    # Both kinds of prompt appear under each label (over-refusals of safe prompts, compliance with unsafe ones).
    pairs = Counter((r["prompt_label"], r["label"]) for r in rows)
    for label in LABELS:
        assert pairs[("safe", label)] > 0, (lang, pairs)
        assert pairs[("unsafe", label)] > 0, (lang, pairs)
    voices = Counter(r["voice"] for r in rows)
    assert {"terse", "reasoning", "other_language", "lecturing"} <= set(voices), voices


def test_ids_are_unique_across_languages_and_files_load_in_judge_eval() -> None:
    ids: set[str] = set()
    total = 0
    for lang in KEYWORD_LANGUAGES:
        loaded = load_labelled(CORPUS / f"{lang}.csv")
        rows = _rows(lang)
        assert len(loaded) == len(rows)
        assert [r.language for r in loaded] == [lang] * len(rows)
        ids |= {r["id"] for r in rows}
        total += len(rows)
    assert len(ids) == total
    assert total >= 3000
