"""Command-line options and ini keys of the main plugin, and their parsing into one frozen ``Settings``.

Part of the pytest layer (it reads ``pytest.Config``); ``plugin.py`` registers the hooks that call it.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest

from ..backends.base import GenerationSettings
from ..baseline import DEFAULT_ALPHA, DEFAULT_TOLERANCE
from ..regression import DEFAULT_CORRECTION, Correction
from ..settings import (
    DEFAULT_JUDGE,
    DEFAULT_MAX_NEW_TOKENS,
    DEFAULT_MODEL,
    Settings,
    as_bool,
    as_float,
    as_int,
    key_values,
    nonempty_options,
    sample_count,
)
from ..steering.xsb_options import add_options as add_xsb_options
from ..steering.xsb_options import parse_options as parse_xsb_options

__all__ = ["add_options", "settings_from"]


def add_options(parser: pytest.Parser) -> None:
    """Every command-line option and ini key of the main plugin."""
    group = parser.getgroup("overrefusal", "over-refusal and under-refusal gating of language models")
    group.addoption(
        "--overrefusal-model",
        metavar="SPEC",
        help=f"model backend NAME[:ARG], e.g. llamacpp:model.gguf, hf:DIR, openai:URL, scripted:rules.yaml "
        f"(default: {DEFAULT_MODEL}, the embedded SmolLM2-135M-Instruct)",
    )
    group.addoption(
        "--overrefusal-model-option",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="backend option, repeatable (see docs/backends.md)",
    )
    group.addoption("--overrefusal-judge", metavar="SPEC", help=f"judge NAME[:ARG] (default: {DEFAULT_JUDGE})")
    group.addoption(
        "--overrefusal-judge-option", metavar="KEY=VALUE", action="append", default=[], help="judge option, repeatable"
    )
    group.addoption("--overrefusal-thresholds", metavar="PATH", help="threshold file (see docs/thresholds.md)")
    group.addoption(
        "--overrefusal-strict",
        action="store_true",
        default=None,
        help="fail every prompt whose verdict does not match its label",
    )
    group.addoption(
        "--overrefusal-report-only",
        action="store_true",
        default=None,
        help="record and report, never fail on thresholds or regressions",
    )
    group.addoption("--overrefusal-json", metavar="PATH", help="write the run's results and cells as JSON")
    group.addoption("--overrefusal-html", metavar="PATH", help="write a self-contained HTML report")
    group.addoption(
        "--overrefusal-max-new-tokens",
        metavar="N",
        help=f"maximum tokens generated per prompt (default: {DEFAULT_MAX_NEW_TOKENS})",
    )
    group.addoption("--overrefusal-temperature", metavar="T", help="sampling temperature (default: 0, greedy)")
    group.addoption("--overrefusal-seed", metavar="N", help="sampling seed (default: 0)")
    group.addoption("--overrefusal-stop", metavar="TEXT", action="append", default=[], help="stop sequence, repeatable")
    group.addoption(
        "--overrefusal-system-prompt", metavar="TEXT", help="system prompt for prompts whose suite sets none"
    )
    group.addoption(
        "--overrefusal-batch-size", metavar="N", help="prompts handed to the backend at a time (default: the backend's)"
    )
    group.addoption(
        "--overrefusal-no-cache", action="store_true", default=False, help="do not read or write the generation cache"
    )
    group.addoption(
        "--overrefusal-cache-dir",
        metavar="DIR",
        help="generation cache directory (default: .overrefusal-cache in the rootdir)",
    )
    group.addoption("--overrefusal-baseline", metavar="PATH", help="compare with this baseline; regressions fail")
    group.addoption(
        "--overrefusal-update-baseline",
        action="store_true",
        default=False,
        help="write this run as the baseline (to --overrefusal-baseline or overrefusal-baseline.json)",
    )
    group.addoption(
        "--overrefusal-baseline-tolerance",
        metavar="RATE",
        help=f"absolute rate increase tolerated before a cell regresses (default: {DEFAULT_TOLERANCE})",
    )
    group.addoption(
        "--overrefusal-baseline-alpha",
        metavar="P",
        help=f"significance level of the paired test for cell regressions, across all cells (default: {DEFAULT_ALPHA})",
    )
    group.addoption(
        "--overrefusal-baseline-correction",
        choices=("holm", "bh", "none"),
        help="adjusting cell p-values across all cells: holm (default), bh or none (docs/thresholds.md)",
    )
    group.addoption(
        "--overrefusal-full-responses",
        action="store_true",
        default=None,
        help="generate every answer in full instead of stopping once the judge's verdict is settled",
    )
    group.addoption("--overrefusal-samples", metavar="K", help="K sampled answers per prompt (needs a temperature)")
    group.addoption(
        "--overrefusal-prompt-limit", metavar="SHARE", help="share of bad sampled answers a prompt tolerates (0.5)"
    )
    group.addoption(
        "--overrefusal-mitigations",
        action="store_true",
        default=False,
        help="re-ask refused safe prompts with focus words once reading the word in its harmless sense and once "
        "with the word rephrased, and report which restores compliance (JSON and HTML)",
    )
    group.addoption(
        "--overrefusal-sample",
        metavar="N",
        help="run at most N of the selected prompts, stratified by suite x language x category x label, "
        "contrast twins kept together (pull-request CI; run everything nightly)",
    )
    group.addoption("--overrefusal-sample-seed", metavar="N", help="seed of --overrefusal-sample's choice (default: 0)")
    group.addoption(
        "--overrefusal-allow-not-evaluated",
        action="store_true",
        default=False,
        help="with --overrefusal-report-only, exit 0 even when a cell had no judged prompt (dead model or judge)",
    )
    group.addoption(
        "--overrefusal-debug",
        action="store_true",
        default=False,
        help="let unexpected errors through with their traceback instead of one line",
    )
    add_xsb_options(group)
    parser.addini("overrefusal_model", "default model spec", default=None)
    parser.addini("overrefusal_judge", "default judge spec", default=None)
    parser.addini("overrefusal_thresholds", "threshold file, relative to the ini file", default=None)
    parser.addini("overrefusal_strict", "fail every mismatching prompt", type="bool", default=False)
    parser.addini("overrefusal_suite_glob", "file name pattern of suite files", default="*.suite.yaml")
    parser.addini("overrefusal_max_new_tokens", "maximum tokens generated per prompt", default=None)
    parser.addini("overrefusal_system_prompt", "system prompt for prompts whose suite sets none", default=None)
    parser.addini("overrefusal_cache_dir", "generation cache directory, relative to the ini file", default=None)
    parser.addini("overrefusal_baseline", "baseline file, relative to the ini file", default=None)
    parser.addini(
        "overrefusal_sample", "run at most this many prompts, stratified (see --overrefusal-sample)", default=None
    )
    parser.addini("overrefusal_sample_seed", "seed of the stratified sample", default=None)
    parser.addini("overrefusal_full_responses", "generate full answers (no early stopping)", type="bool", default=False)


def _ini_path(config: pytest.Config, value: str | None) -> Path | None:
    if not value:
        return None
    base = config.inipath.parent if config.inipath is not None else config.rootpath
    return (base / value).resolve()


def _cli_path(value: str | None) -> Path | None:
    return None if not value else Path(value).resolve()


def settings_from(config: pytest.Config) -> Settings:
    """Parse every option and ini value once; a bad value is one ConfigError naming the option."""
    opt = nonempty_options(config.getoption)
    max_tokens = (
        opt("overrefusal_max_new_tokens") or config.getini("overrefusal_max_new_tokens") or str(DEFAULT_MAX_NEW_TOKENS)
    )
    generation = GenerationSettings(
        max_new_tokens=as_int("--overrefusal-max-new-tokens", str(max_tokens), 1),
        temperature=as_float("--overrefusal-temperature", opt("overrefusal_temperature") or "0", 0.0, 5.0),
        seed=as_int("--overrefusal-seed", opt("overrefusal_seed") or "0", 0),
        stop=tuple(opt("overrefusal_stop") or ()),
    )
    cache_dir: Path | None = None
    if not opt("overrefusal_no_cache"):
        cache_dir = (
            _cli_path(opt("overrefusal_cache_dir"))
            or _ini_path(config, config.getini("overrefusal_cache_dir"))
            or config.rootpath / ".overrefusal-cache"
        )
    strict = opt("overrefusal_strict")
    batch = opt("overrefusal_batch_size")
    sample = opt("overrefusal_sample")
    if sample is None:
        sample = config.getini("overrefusal_sample") or None
    full = opt("overrefusal_full_responses")
    if full is None:
        full = config.getini("overrefusal_full_responses")
    sample_seed = opt("overrefusal_sample_seed") or config.getini("overrefusal_sample_seed") or "0"
    return Settings(
        model=opt("overrefusal_model") or config.getini("overrefusal_model") or DEFAULT_MODEL,
        model_options=key_values("--overrefusal-model-option", opt("overrefusal_model_option")),
        judge=opt("overrefusal_judge") or config.getini("overrefusal_judge") or DEFAULT_JUDGE,
        judge_options=key_values("--overrefusal-judge-option", opt("overrefusal_judge_option")),
        thresholds=_cli_path(opt("overrefusal_thresholds"))
        or _ini_path(config, config.getini("overrefusal_thresholds")),
        strict=as_bool("overrefusal_strict", strict if strict is not None else config.getini("overrefusal_strict")),
        report_only=bool(opt("overrefusal_report_only")),
        json_path=_cli_path(opt("overrefusal_json")),
        html_path=_cli_path(opt("overrefusal_html")),
        generation=generation,
        system_prompt=opt("overrefusal_system_prompt") or config.getini("overrefusal_system_prompt") or None,
        batch_size=None if batch is None else as_int("--overrefusal-batch-size", batch, 1),
        cache_dir=cache_dir,
        baseline=_cli_path(opt("overrefusal_baseline")) or _ini_path(config, config.getini("overrefusal_baseline")),
        update_baseline=bool(opt("overrefusal_update_baseline")),
        baseline_tolerance=as_float(
            "--overrefusal-baseline-tolerance",
            opt("overrefusal_baseline_tolerance") or str(DEFAULT_TOLERANCE),
            0.0,
            1.0,
        ),
        baseline_alpha=as_float(
            "--overrefusal-baseline-alpha", opt("overrefusal_baseline_alpha") or str(DEFAULT_ALPHA), 1e-9, 1 - 1e-9
        ),
        suite_glob=config.getini("overrefusal_suite_glob") or "*.suite.yaml",
        mitigations=bool(opt("overrefusal_mitigations")),
        sample=None if sample is None else as_int("--overrefusal-sample", str(sample), 1),
        sample_seed=as_int("--overrefusal-sample-seed", str(sample_seed), 0),
        # argparse's choices already limited the value to holm, bh or none.
        baseline_correction=cast(Correction, opt("overrefusal_baseline_correction") or DEFAULT_CORRECTION),
        samples=sample_count(opt("overrefusal_samples"), generation.temperature),
        prompt_limit=as_float("--overrefusal-prompt-limit", opt("overrefusal_prompt_limit") or "0.5", 0.0, 1.0),
        xsb=parse_xsb_options(opt),
        full_responses=as_bool("overrefusal_full_responses", full),
    )
