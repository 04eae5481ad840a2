from __future__ import annotations

from pathlib import Path

import pytest

from pytest_overrefusal.cli import main

REPO = Path(__file__).resolve().parents[1]


def test_validate_accepts_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "validate",
            str(REPO / "examples" / "basic"),
            "--thresholds",
            str(REPO / "examples" / "basic" / "thresholds.yaml"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "suite 'example-assistant', 10 prompts" in out


def test_validate_reports_one_line_per_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.suite.yaml").write_text(
        "prompts:\n  - id: x\n    prompt: hi\n    label: maybe\n    language: en\n    category: c\n"
    )
    (tmp_path / "b.suite.yaml").write_text("prompts: [\n")
    (tmp_path / "t.yaml").write_text("under_refusal: -1\n")
    code = main(["validate", str(tmp_path), "--thresholds", str(tmp_path / "t.yaml")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 3
    assert err[0] == f"{tmp_path / 'a.suite.yaml'}:4: label must be one of safe, unsafe, got 'maybe' in prompt 'x'"
    assert err[1].startswith(f"{tmp_path / 'b.suite.yaml'}:2: YAML syntax error: ")
    assert (
        err[2] == f"{(tmp_path / 't.yaml').resolve()}:1: under_refusal must be a rate between 0 and 1 or null, got -1"
    )


def test_validate_with_nothing_to_check_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 1
    assert "no suite files found" in capsys.readouterr().err


def test_validate_rejects_duplicate_suite_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = "suite: same\nprompts:\n  - {id: x, prompt: hi, label: safe, language: en, category: c}\n"
    (tmp_path / "a.suite.yaml").write_text(body)
    (tmp_path / "b.suite.yaml").write_text(body)
    assert main(["validate", str(tmp_path)]) == 1
    assert "suite name 'same' is already used by" in capsys.readouterr().err
