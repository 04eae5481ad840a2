"""Issue 16: the fast paths of suite loading give exactly what the reference paths give.

The fast YAML reader (``read_plain``: values straight from libyaml's events) and the ``jsonschema-rs``
happy path must load the same suites, lines and errors as the composer and ``jsonschema``; the two
validators must agree on every shipped suite, on every malformed suite the other tests use, and on
mutations of every schema-checked field; the in-process memo of loaded suites must never serve stale
content.
"""

from __future__ import annotations

import copy
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
import test_suite
from test_malformed_inputs import PYTEST_CASES

from pytest_overrefusal.errors import SuiteError
from pytest_overrefusal.record_check import RecordError
from pytest_overrefusal.suite import _fast_check, _validator, find_suite_files, forget_loaded, load_suite
from pytest_overrefusal.validation import _fast_check as record_fast_check
from pytest_overrefusal.validation import _validator as record_validator
from pytest_overrefusal.validation import check_json
from pytest_overrefusal.yamlsource import MAX_DEPTH, load_yaml, read_plain

REPO = Path(__file__).resolve().parents[1]
SHIPPED_YAML = sorted(
    p for pattern in ("suites/*.yaml", "examples/**/*.yaml", "pytest_overrefusal/**/*.yaml") for p in REPO.glob(pattern)
)
STARTER = find_suite_files([REPO / "suites"])


def _outcome(load: Any) -> Any:
    """What a load gives: its value, or the exact error text."""
    try:
        return load()
    except SuiteError as exc:
        return f"SuiteError: {exc}"


def _yaml_outcome(path: Path, *, fast: bool) -> Any:
    try:
        doc = load_yaml(path, SuiteError, fast=fast)
    except SuiteError as exc:
        return f"SuiteError: {exc}"
    return doc.data, doc.lines


def _schema_valid(data: Any) -> bool:
    return not any(True for _ in _validator().iter_errors(data))


# -- every malformed suite the other tests use -----------------------------------------------------------

# test_suite.py's parametrised cases (text, line, message), taken from the test itself.
_SUITE_TEXTS = [
    textwrap.dedent(text) for text, _, _ in test_suite.test_invalid_suites_name_file_and_line.pytestmark[0].args[1]
]
_MALFORMED_TEXTS = [files["bad.suite.yaml"] for _, files, _, _ in PYTEST_CASES if "bad.suite.yaml" in files]
MALFORMED = _SUITE_TEXTS + _MALFORMED_TEXTS


def test_the_malformed_cases_are_found() -> None:
    assert len(_SUITE_TEXTS) >= 15
    assert len(_MALFORMED_TEXTS) >= 20


@pytest.mark.parametrize("index", range(len(MALFORMED)))
def test_malformed_suites_give_the_reference_error(tmp_path: Path, index: int) -> None:
    text = MALFORMED[index]
    path = tmp_path / "bad.suite.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    forget_loaded()
    fast = _outcome(lambda: load_suite(path))
    reference = _outcome(lambda: load_suite(path, fast=False))
    assert fast == reference
    yaml_fast = _yaml_outcome(path, fast=True)
    assert yaml_fast == _yaml_outcome(path, fast=False)
    data = yaml_fast[0] if isinstance(yaml_fast, tuple) else None
    if isinstance(data, dict):
        if all(isinstance(k, str) for k in data):
            assert _fast_check().valid(data) == _schema_valid(data)
        else:  # jsonschema-rs cannot take an int key: it never clears such a document
            assert not _fast_check().valid(data)


def test_some_malformed_suites_fail_schema_validation_on_both_sides(tmp_path: Path) -> None:
    """The agreement above is not vacuous: documents that reach the validators and fail there."""
    failing = 0
    for text in MALFORMED:
        if isinstance(text, bytes):
            continue
        path = tmp_path / "x.suite.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            data = load_yaml(path, SuiteError, fast=False).data
        except SuiteError:
            continue
        if isinstance(data, dict) and all(isinstance(k, str) for k in data) and not _schema_valid(data):
            assert not _fast_check().valid(data)
            failing += 1
    assert failing >= 8


# -- the shipped suites and YAML files ---------------------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED_YAML, ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_yaml_reads_the_same_both_ways(path: Path) -> None:
    fast, reference = load_yaml(path), load_yaml(path, fast=False)
    assert fast.data == reference.data
    assert fast.lines == reference.lines
    assert read_plain(path.read_text("utf-8")) is not None  # shipped files take the fast path


@pytest.mark.parametrize("path", STARTER, ids=lambda p: p.name)
def test_starter_suites_are_valid_for_both_validators_and_load_the_same(path: Path) -> None:
    data = load_yaml(path, SuiteError).data
    assert _fast_check().valid(data)
    assert _schema_valid(data)
    forget_loaded()
    assert load_suite(path) == load_suite(path, fast=False)


# -- the validators agree on mutations of every checked field ----------------------------------------------

_VALUES: list[Any] = [None, True, 0, 1.5, "", "x", "Bad Id", "ok-id", "a\n", "safe", "unsafe", [], ["a"], [""], [1], {}]


def _mutations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    prompt_keys = ["id", "prompt", "messages", "label", "language", "category", "focus", "contrast", "note"]
    prompt_keys += ["tags", "system_prompt", "boundary", "colour"]
    for key in prompt_keys:
        for value in _VALUES:
            mutated = copy.deepcopy(doc)
            mutated["prompts"][0][key] = value
            out.append(mutated)
    for key in ["language", "category", "label", "system_prompt", "tags", "boundary", "colour"]:
        for value in _VALUES:
            mutated = copy.deepcopy(doc)
            mutated.setdefault("defaults", {})[key] = value
            out.append(mutated)
    for key in ["suite", "version", "description", "defaults", "prompts", "colour"]:
        for value in _VALUES:
            mutated = copy.deepcopy(doc)
            mutated[key] = value
            out.append(mutated)
    for value in [None, "x", {}, {"role": "user"}, {"role": "robot", "content": "hi"}, {"role": "user", "content": 3}]:
        mutated = copy.deepcopy(doc)
        mutated["prompts"][0]["messages"] = [value]
        out.append(mutated)
    without = copy.deepcopy(doc)
    del without["prompts"]
    out.append(without)
    return out


@pytest.mark.parametrize("source", ["test_suite.GOOD", "starter"])
def test_the_validators_agree_on_mutated_suites(tmp_path: Path, source: str) -> None:
    if source == "starter":
        data = load_yaml(STARTER[0], SuiteError).data
        doc = {**data, "prompts": data["prompts"][:3]}
    else:
        path = tmp_path / "good.suite.yaml"
        path.write_text(test_suite.GOOD, encoding="utf-8")
        doc = load_yaml(path, SuiteError).data
    mutations = _mutations(doc)
    verdicts = [(_fast_check().valid(m), _schema_valid(m)) for m in mutations]
    disagree = [(json.dumps(m)[:200], v) for m, v in zip(mutations, verdicts, strict=True) if v[0] != v[1]]
    assert not disagree
    assert sum(not valid for valid, _ in verdicts) > len(verdicts) // 2  # most mutations are invalid


def test_values_json_cannot_hold_leave_the_decision_to_jsonschema() -> None:
    import datetime

    check = _fast_check()
    assert check.available
    assert not check.valid({1: "a", "prompts": [{"id": "a"}]})  # an int key: jsonschema-rs cannot take it
    assert not check.valid({"prompts": [{"id": "a", "note": datetime.date(2020, 1, 1)}]})


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 10**40, 1e308, -0.0])
@pytest.mark.parametrize("field", ["version", "description", "boundary"])
def test_jsonschema_rs_never_clears_what_jsonschema_rejects(value: float, field: str) -> None:
    """YAML reads .inf, .nan and huge integers. jsonschema-rs may decline a document jsonschema accepts
    (it rejects a non-finite ``version``): then jsonschema decides, so only the other direction matters."""
    doc: dict[str, Any] = {"prompts": [{"id": "a", "prompt": "x", "label": "safe"}]}
    if field == "boundary":
        doc["prompts"][0]["boundary"] = value
    else:
        doc[field] = value
    if _fast_check().valid(doc):
        assert _schema_valid(doc)
    elif field != "version":
        assert not _schema_valid(doc)


# -- the fast YAML reader -----------------------------------------------------------------------------------

PLAIN = [
    "a: 1\nb: [x, 'y', \"z\", 2.5, true, null, ~, 0x1f, 1_000]\n",
    "- {a: b, c: [d, {e: f}]}\n- - nested\n  - list\n-\n- ''\n",
    "key: |\n  block\n  text\nother: >\n  folded\n  text\nempty:\n",
    "1: one\nfalse: no\n2.5: x\n'q': quoted\n",
    "when: 2020-01-01\nstamp: 2001-12-14t21:59:43.10-05:00\n",
    'ünï: 中文\nemoji: "\\u263A"\n',
    "# only a comment\n",
    "",
    "---\n",
    "--- plain scalar\n",
    "! tagged: ! value\n",
    "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2),
]
NOT_PLAIN = [
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: !custom x\n",
    "a: 1\na: 2\n",
    "1: a\n1.0: b\n",
    "? [a]\n: b\n",
    "~: none key\n",
    "<<: {a: 1}\n",
    "a: 2020-13-45\n",
    "a: [\n",
    "a: 1\n---\nb: 2\n",
    "[" * MAX_DEPTH + "]" * MAX_DEPTH,
    "a: \x00\n",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_documents_read_as_the_composer_reads_them(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_plain(text) is not None
    reference = load_yaml(path, fast=False)
    data, lines = read_plain(text)  # type: ignore[misc]
    assert (data, lines) == (reference.data, reference.lines)
    assert [type(v) for v in _leaves(data)] == [type(v) for v in _leaves(reference.data)]


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in [k, *_leaves(v)]]
    if isinstance(value, list):
        return [x for v in value for x in _leaves(v)]
    return [value]


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_anything_else_is_left_to_the_composer(tmp_path: Path, text: str) -> None:
    assert read_plain(text) is None
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert (
        _outcome(lambda: load_yaml(path, SuiteError)).__class__
        is _outcome(lambda: load_yaml(path, SuiteError, fast=False)).__class__
    )


# -- the memo of loaded suites ------------------------------------------------------------------------------


def test_a_suite_is_read_once_per_content(tmp_path: Path) -> None:
    path = tmp_path / "x.suite.yaml"
    path.write_text(test_suite.GOOD, encoding="utf-8")
    forget_loaded()
    first = load_suite(path)
    assert load_suite(path) is first
    assert load_suite(str(path)) is first
    # Same size, same path, new content: read afresh.
    path.write_text(test_suite.GOOD.replace("Tu es un", "Tu es ton"), encoding="utf-8")
    changed = load_suite(path)
    assert changed is not first
    assert changed.cases[2].system_prompt == "Tu es ton assistant."
    assert changed == load_suite(path, fast=False)


def test_errors_are_not_remembered(tmp_path: Path) -> None:
    path = tmp_path / "x.suite.yaml"
    path.write_text("suite: x\nsuite: y\nprompts: []\n", encoding="utf-8")
    forget_loaded()
    with pytest.raises(SuiteError, match="duplicate key 'suite'"):
        load_suite(path)
    path.write_text(test_suite.GOOD, encoding="utf-8")
    assert load_suite(path).name == "demo"
    path.unlink()
    with pytest.raises(SuiteError, match="cannot read file"):
        load_suite(path)


# -- record and baseline checks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"format": "pytest-overrefusal-record", "format_version": 1, "results": [], "cells": []},
        {"format": 1},
        {"results": [{"id": 3}]},
        {"results": "x"},
        {"duration": "long"},
        {"cells": [{"rate": "high"}]},
    ],
)
def test_record_checks_agree_and_raise_the_same_error(tmp_path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, indent=2)
    valid = not any(True for _ in record_validator("record").iter_errors(data))
    assert record_fast_check("record").valid(data) == valid
    outcomes = []
    for fast in (True, False):
        try:
            check_json(data, text, "record", tmp_path / "r.json", RecordError, fast=fast)
            outcomes.append(None)
        except RecordError as exc:
            outcomes.append(str(exc))
    assert outcomes[0] == outcomes[1]
    assert (outcomes[0] is None) == valid


# -- a run reads each suite file once ------------------------------------------------------------------------


def test_a_run_reads_each_suite_once(example: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """Collection reads the suite; the report's suite list at session end reuses it (it used to read
    every suite file again, as long again as collecting them)."""
    import pytest_overrefusal.suite as suite_module

    reads: list[str] = []
    original = suite_module._read_suite

    def counting(path: Path, raw: bytes | None, *, fast: bool) -> Any:
        reads.append(path.name)
        return original(path, raw, fast=fast)

    monkeypatch.setattr(suite_module, "_read_suite", counting)
    forget_loaded()
    result = example.runpytest(
        "-p",
        "no:cacheprovider",
        "--overrefusal-model=scripted:responses.yaml",
        "--overrefusal-thresholds=thresholds.yaml",
        "--overrefusal-json=out.json",
        "-q",
    )
    assert result.ret == 1  # the example fails one cell on purpose
    assert json.loads((example.path / "out.json").read_text("utf-8"))["suites"][0]["name"] == "example-assistant"
    assert reads == ["assistant.suite.yaml"]
