"""The typed run record: built, written, read back through the one validator (file:line errors)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_report_html import hostile_results, record_of, sections_record

from pytest_overrefusal.aggregate import Cell
from pytest_overrefusal.record import RecordError, RunRecord, load_record, read_record, write_json
from pytest_overrefusal.results import CaseResult


def test_typed_record_round_trips_byte_for_byte(tmp_path: Path) -> None:
    record = sections_record(tmp_path)
    record["regressions"] = {"summary": "no regressions", "prompt_regressions": [], "cell_regressions": []}
    record["sampling"] = {"selected": 2, "population": 3, "seed": 1, "strata": 1, "method": "m", "population_cells": []}
    record["cells"][0]["population"] = 9  # what the session adds to the cells of a sampled run
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_json(first, record)
    typed = read_record(first)
    write_json(second, typed.to_dict())
    assert second.read_bytes() == first.read_bytes()
    # Typed parts, not dicts.
    assert all(isinstance(r, CaseResult) for r in typed.results)
    assert all(isinstance(c, Cell) for c in typed.cells)
    assert [r.key for r in typed.results] == [(r["suite"], r["id"]) for r in record["results"]]
    assert [(c.suite, c.language, c.category, c.kind, c.n, c.hits, c.status) for c in typed.cells] == [
        (c["suite"], c["language"], c["category"], c["kind"], c["n"], c["hits"], c["status"]) for c in record["cells"]
    ]
    assert typed.info.model == record["model"]
    assert typed.info.judge_fingerprint == record["judge_fingerprint"]
    assert typed.info.thresholds == record["thresholds"]
    assert list(typed.info.suites) == record["suites"]
    assert typed.regressions == record["regressions"]
    assert typed.sampling == record["sampling"]
    # Entries other producers add travel as extras, untouched; the record type does not know their shape.
    assert set(typed.extras) == {"mitigations", "steering"}
    assert typed.extra("steering") == record["steering"]
    assert typed.extra("nothing") is None
    assert typed.by_key[typed.results[0].key] is typed.results[0]
    rows = typed.cell_rows()
    assert rows[0]["population"] == 9
    assert all("population" not in row for row in rows[1:])
    assert [{k: v for k, v in row.items() if k != "population"} for row in rows] == [
        {k: v for k, v in c.items() if k != "population"} for c in record["cells"]
    ]


def test_from_dict_equals_read_back(tmp_path: Path) -> None:
    record = record_of(hostile_results())
    path = tmp_path / "r.json"
    write_json(path, record)
    assert read_record(path) == RunRecord.from_dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("mutate", "pattern", "line_has"),
    [
        (lambda r: r["results"][1].update(verdict="maybe"), r"results\[1\]: unknown verdict 'maybe'", "id"),
        (lambda r: r["results"][0].update(label=["safe"]), r"results\[0\]\.label: must be of type string", "label"),
        (lambda r: r["cells"][0].update(rate=0.999), r"cells\[0\]\.rate: 0\.999 does not match hits/n", "rate"),
        (lambda r: r["results"][0].update(line=0), r"results\[0\]\.line: must be at least 1", "line"),
    ],
)
def test_one_validator_names_file_and_line(tmp_path: Path, mutate: object, pattern: str, line_has: str) -> None:
    record = record_of(hostile_results())
    mutate(record)  # type: ignore[operator]
    path = tmp_path / "bad.json"
    write_json(path, record)
    for reader in (load_record, read_record):
        with pytest.raises(RecordError) as info:
            reader(path)
        match = re.match(rf"^{re.escape(str(path))}:(\d+): {pattern}", str(info.value))
        assert match, str(info.value)
        line = path.read_text(encoding="utf-8").splitlines()[int(match.group(1)) - 1]
        assert f'"{line_has}"' in line, line


def test_not_a_record_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"format": "pytest-overrefusal/baseline"}', encoding="utf-8")
    with pytest.raises(RecordError, match=r"not a results file: format must be 'pytest-overrefusal/results'"):
        read_record(path)
