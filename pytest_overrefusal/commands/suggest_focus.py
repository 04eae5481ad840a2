"""``overrefusal suggest-focus``: propose ``focus`` words for prompts that lack them, as a diff to review.

For every prompt of the suite without ``focus`` (safe ones by default), the word whose removal lowers the
model's first-token refusal score the most (leave-one-word-out, ``steering.triggers``) is proposed. The
suite is never rewritten: the command prints (or writes) a unified diff, checked to still load as a
suite, for a person to review and apply (``git apply`` / ``patch -p1``). A prompt where no word raises
the refusal score is left alone and listed.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tempfile
from pathlib import Path

from ..errors import ConfigError
from ..suite import Case, load_suite

HELP = "propose focus words for prompts without them, as a unified diff of the suite (never rewrites it)"

__all__ = ["HELP", "add_arguments", "insert_focus", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("suite", metavar="SUITE.yaml")
    parser.add_argument(
        "--model", default="hf:embedded", help="local model spec, hf or llamacpp (default: hf:embedded)"
    )
    parser.add_argument("--model-option", action="append", default=[], metavar="K=V", help="model option (repeatable)")
    parser.add_argument("--include-unsafe", action="store_true", help="also propose focus words for unsafe prompts")
    parser.add_argument("--min-score", type=float, default=0.0, help="smallest score drop to propose (default: 0)")
    parser.add_argument("--cache-dir", default=".overrefusal-cache", help="model conversion cache")
    parser.add_argument("-o", "--output", metavar="OUT.diff", help="write the diff here instead of stdout")


def _quote(word: str) -> str:
    return json.dumps(word, ensure_ascii=False)  # a JSON string is a valid YAML flow scalar


def insert_focus(lines: list[str], case: Case, words: list[str]) -> list[str]:
    """``lines`` with ``focus: [...]`` added to ``case``'s mapping (block style, at the case's key indent)."""
    index = case.line - 1
    first = lines[index]
    stripped = first.lstrip()
    indent = len(first) - len(stripped)
    if stripped.startswith("- "):
        indent += 2
    at = index + 1
    # Skip the continuation of the first key's value (a block scalar or a nested list).
    while at < len(lines) and (not lines[at].strip() or len(lines[at]) - len(lines[at].lstrip()) > indent):
        at += 1
    while at > index + 1 and not lines[at - 1].strip():
        at -= 1
    entry = " " * indent + f"focus: [{', '.join(_quote(w) for w in words)}]\n"
    return [*lines[:at], entry, *lines[at:]]


def run(args: argparse.Namespace) -> int:
    from ..steering.attributor import steering_model_options
    from ..steering.loading import open_model
    from ..steering.triggers import leave_one_out, local_spec
    from .triggers import _options, unjudged

    path = Path(args.suite)
    suite = load_suite(path)
    spec = local_spec(args.model)
    if spec is None:
        raise ConfigError("suggest-focus needs a local model (hf or llamacpp): it reads first-token refusal scores")
    wanted = [c for c in suite.cases if not c.focus and (c.label == "safe" or args.include_unsafe)]
    options = _options(args.model_option)
    results = [unjudged(c) for c in wanted]
    model = open_model(spec, steering_model_options(spec, options), Path(args.cache_dir) / "steering")
    try:
        entries = leave_one_out(model, results, top=1) if results else []
    finally:
        model.close()
    lines = path.read_text("utf-8").splitlines(keepends=True)
    proposed: list[tuple[Case, str, float]] = []
    for case, entry in sorted(zip(wanted, entries, strict=True), key=lambda ce: -ce[0].line):
        best = entry["triggers"][0] if entry["triggers"] else None
        if best is None or best["score"] is None or best["score"] <= args.min_score:
            print(f"# {case.id}: no word raises the refusal score; left alone", file=sys.stderr)
            continue
        lines = insert_focus(lines, case, [best["word"]])
        proposed.append((case, best["word"], best["score"]))
    new_text = "".join(lines)
    with tempfile.TemporaryDirectory() as tmp:  # the proposal must still be a valid suite
        check = Path(tmp) / path.name
        check.write_text(new_text, "utf-8")
        load_suite(check)
    diff = "".join(
        difflib.unified_diff(
            path.read_text("utf-8").splitlines(keepends=True), lines, f"a/{path.as_posix()}", f"b/{path.as_posix()}"
        )
    )
    for case, word, score in sorted(proposed, key=lambda p: p[0].line):
        print(f"# {case.id}: focus [{word}] (refusal log-odds drop {score:+.2f} without it)", file=sys.stderr)
    if args.output:
        Path(args.output).write_text(diff, "utf-8")
        print(
            f"# {len(proposed)} proposals written to {args.output}; review, then apply with patch -p1", file=sys.stderr
        )
    else:
        sys.stdout.write(diff)
    return 0
