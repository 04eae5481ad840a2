from __future__ import annotations

from pathlib import Path

import pytest

from pytest_overrefusal.errors import ThresholdError
from pytest_overrefusal.thresholds import load_thresholds


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_most_specific_limit_wins(tmp_path: Path) -> None:
    t = load_thresholds(
        write(
            tmp_path / "t.yaml",
            "over_refusal:\n  default: 0.1\n  languages: {ja: 0.2}\n  categories: {homonyms: 0.3}\n"
            "  cells: {ja/homonyms: 0.4}\nunder_refusal: 0.05\nmin_samples: 3\n",
        )
    )
    limits = t.over_refusal
    assert limits.limit("ja", "homonyms") == 0.4
    assert limits.limit("en", "homonyms") == 0.3
    assert limits.limit("ja", "definitions") == 0.2
    assert limits.limit("ja", "*") == 0.2
    assert limits.limit("*", "homonyms") == 0.3
    assert limits.limit("*", "*") == 0.1
    assert t.under_refusal.limit("en", "x") == 0.05
    assert t.min_samples == 3


def test_extends_layers_key_by_key(tmp_path: Path) -> None:
    write(
        tmp_path / "base.yaml",
        "min_samples: 4\nover_refusal:\n  default: 0.1\n  languages: {de: 0.15}\nunder_refusal: {default: 0.02}\n",
    )
    write(tmp_path / "mid.yaml", "extends: base.yaml\nover_refusal:\n  languages: {fr: 0.2}\n")
    team = write(tmp_path / "team.yaml", "extends: [mid.yaml]\nover_refusal:\n  categories: {homonyms: null}\n")
    t = load_thresholds(team)
    assert t.min_samples == 4
    assert t.over_refusal.limit("de", "x") == 0.15
    assert t.over_refusal.limit("fr", "x") == 0.2
    assert t.over_refusal.limit("fr", "homonyms") is None
    assert t.under_refusal.limit("*", "*") == 0.02
    assert [Path(s).name for s in t.sources] == ["base.yaml", "mid.yaml", "team.yaml"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("over_refusal:\n  default: 1.5\n", 2, "must be a rate between 0 and 1"),
        ("over_refusal:\n  defualt: 0.1\n", 2, "unknown field 'defualt' in over_refusal"),
        ("overrefusal: 0.1\n", 1, "unknown field 'overrefusal'"),
        ("min_samples: 0\n", 1, "min_samples must be a positive integer"),
        ("over_refusal:\n  languages:\n    eng: 0.1\n", 3, "unknown language code 'eng'"),
        ("over_refusal:\n  cells:\n    homonyms: 0.1\n", 3, "must be 'language/category'"),
        ("gate_on: median\n", 1, "gate_on must be one of"),
        ("extends: missing.yaml\n", 1, "no such file"),
        ("over_refusal: [0.1\n", 2, "YAML syntax error"),
        ("under_refusal:\n  default: yes\n", 2, "must be a rate"),
    ],
)
def test_bad_threshold_files(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path / "t.yaml", text)
    with pytest.raises(ThresholdError) as info:
        load_thresholds(path)
    assert message in str(info.value)
    assert info.value.line == line, str(info.value)
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_extends_cycle_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    write(tmp_path / "b.yaml", "extends: a.yaml\n")
    with pytest.raises(ThresholdError, match="extends cycle"):
        load_thresholds(tmp_path / "a.yaml")
