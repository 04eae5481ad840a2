"""``overrefusal triggers``: which words trigger the refusals of a saved run, or of a suite run now.

A run record (``--overrefusal-json`` output) already says which safe prompts were refused; a suite is
first generated and judged (through the generation cache) to find them. Local models (``hf``,
``llamacpp``) get leave-one-word-out on the first-token refusal score; other backends regenerate
each prompt without one word at a time, under ``--budget`` variants per prompt (costlier).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..results import CaseResult
from ..settings import DEFAULT_JUDGE
from ..suite import Case

HELP = "rank the words that trigger each refused safe prompt of a saved run or a suite"
DEFAULT_CACHE = ".overrefusal-cache"

__all__ = ["HELP", "add_arguments", "load_results", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="RUN.json|SUITE.yaml", help="a run record or a suite file")
    parser.add_argument("--model", help="model spec (default: the run's model; required for a suite)")
    parser.add_argument("--model-option", action="append", default=[], metavar="K=V", help="model option (repeatable)")
    parser.add_argument(
        "--judge", default=DEFAULT_JUDGE, help=f"judge for a suite or for regeneration (default: {DEFAULT_JUDGE})"
    )
    parser.add_argument("--budget", type=int, default=8, help="variants per prompt when regenerating (default: 8)")
    parser.add_argument("--top", type=int, default=5, help="triggers kept per prompt (default: 5)")
    parser.add_argument("--language", action="append", default=[], help="only prompts in this language (repeatable)")
    parser.add_argument("--limit", type=int, default=0, help="at most N safe prompts of a suite (0: all)")
    parser.add_argument("--max-new-tokens", type=int, default=96, help="tokens generated per prompt (default: 96)")
    parser.add_argument("--cache-dir", default=DEFAULT_CACHE, help=f"generation cache (default: {DEFAULT_CACHE})")
    parser.add_argument(
        "--all-safe",
        action="store_true",
        help="attribute every safe prompt, refused or not (local models; a suite is then not generated): "
        "what the refusal score reacts to, for focus agreement on models that rarely refuse",
    )
    parser.add_argument("-o", "--output", metavar="OUT.json", help="write the triggers as JSON")


def _options(items: list[str]) -> dict[str, str]:
    from ..settings import key_values

    return key_values("--model-option", items)


def unjudged(case: Case) -> CaseResult:
    """A result for ``case`` that has not been generated or judged: what attribution needs of a prompt."""
    return CaseResult(
        case.suite,
        case.id,
        case.language,
        case.category,
        case.label,
        None,
        "",
        "",
        case.file,
        case.line,
        messages=tuple(m.to_dict() for m in case.messages),
        system_prompt=case.system_prompt,
        focus=case.focus,
    )


def load_results(args: argparse.Namespace) -> tuple[list[CaseResult], str, dict[str, str]]:
    """The results to attribute, the model spec and its options."""
    source = Path(args.source)
    if not source.is_file():
        raise ConfigError(f"{source}: no such file")
    options = _options(args.model_option)
    if source.suffix == ".json":
        try:
            record = json.loads(source.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{source}: not a readable run record: {exc}") from None
        if not isinstance(record, dict) or not isinstance(record.get("results"), list):
            raise ConfigError(f"{source}: not a run record (no 'results' list)")
        results = [CaseResult.from_dict(r) for r in record["results"]]
        model = args.model or record.get("model")
        if not model:
            raise ConfigError(f"{source}: the record names no model; pass --model")
        return _filter(results, args), str(model), options
    if not args.model:
        raise ConfigError("--model is required to find the refusals of a suite")
    return _run_suite(source, args, options), args.model, options


def _filter(results: list[CaseResult], args: argparse.Namespace) -> list[CaseResult]:
    if args.language:
        results = [r for r in results if r.language in args.language]
    return results


def _run_suite(path: Path, args: argparse.Namespace, options: dict[str, str]) -> list[CaseResult]:
    from ..backends.base import GenerationSettings
    from ..cache import GenerationCache
    from ..registry import BACKEND_GROUP, build, build_judge
    from ..runner import Runner, RunSettings
    from ..suite import load_suite

    cases = [c for c in load_suite(path).cases if c.label == "safe"]
    if args.language:
        cases = [c for c in cases if c.language in args.language]
    if args.limit:
        cases = cases[: args.limit]
    if args.all_safe:
        return [unjudged(c) for c in cases]
    runner = Runner(
        lambda: build(BACKEND_GROUP, args.model, options),
        lambda: build_judge(args.judge, {}, model=args.model, model_options=options),
        RunSettings(GenerationSettings(max_new_tokens=args.max_new_tokens)),
        GenerationCache(Path(args.cache_dir)) if args.cache_dir else None,
    )
    try:
        results = runner.results(cases)
        if runner.setup_error is not None:
            raise ConfigError(runner.setup_error)
    finally:
        runner.close()
    return results


def attribute(
    results: list[CaseResult], model: str, options: dict[str, str], args: argparse.Namespace
) -> dict[str, Any]:
    from ..steering.attributor import steering_model_options
    from ..steering.triggers import attribute_triggers, local_spec

    spec = local_spec(model)
    if spec is not None:
        from ..steering.loading import open_model

        steerable = open_model(spec, steering_model_options(spec, options), Path(args.cache_dir) / "steering")
        try:
            return attribute_triggers(results, model=steerable, top=args.top, refused_only=not args.all_safe)
        finally:
            steerable.close()
    from ..backends.base import GenerationSettings
    from ..registry import BACKEND_GROUP, build, build_judge
    from ..steering.triggers import cannot_regenerate

    if args.all_safe:
        raise ConfigError("--all-safe needs a local model (hf or llamacpp): it reads first-token refusal scores")

    cannot = cannot_regenerate(model)
    if cannot:
        raise ConfigError(f"{cannot} (pass --model)")
    backend = build(BACKEND_GROUP, model, options)
    judge = build_judge(args.judge, {}, model=model, model_options=options)
    try:
        return attribute_triggers(
            results,
            backend=backend,
            judge=judge,
            settings=GenerationSettings(max_new_tokens=args.max_new_tokens),
            budget=args.budget,
            top=args.top,
        )
    finally:
        backend.close()


def print_report(data: dict[str, Any], out: Any = None) -> None:
    from ..steering.triggers import format_triggers

    # Resolved per call, not bound at import: a default of sys.stdout would keep whichever stream was
    # current when the module was first imported (a capture that may since have been closed).
    out = sys.stdout if out is None else out

    print(f"{data['candidates']} prompts; method {data['method']}: {data['note']}", file=out)
    for p in data["prompts"]:
        mark = {True: "agrees", False: "differs", None: ""}[p["agrees"]]
        focus = f"  focus: {', '.join(p['focus'])} {mark}" if p["focus"] else ""
        print(f"  {p['suite']}::{p['id']} [{p['language']}]: {format_triggers(p)}{focus}", file=out)
    for lang, row in data["by_language"].items():
        words = ", ".join(f"{w['word']} ({w['top1']})" for w in row["words"][:5]) or "-"
        agreement = "" if row["agreement"] is None else f"; focus agreement {row['agree']}/{row['annotated']}"
        print(f"{lang}: {row['prompts']} prompts; top triggers {words}{agreement}", file=out)
    a = data["agreement"]
    if a["rate"] is not None:
        print(f"top-1 agreement with focus words: {a['agree']}/{a['annotated']} ({a['rate']:.0%})", file=out)


def run(args: argparse.Namespace) -> int:
    if args.budget < 1 or args.top < 1:
        raise ConfigError("--budget and --top must be at least 1")
    results, model, options = load_results(args)
    data = attribute(results, model, options, args)
    print_report(data)
    if args.output:
        Path(args.output).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"written to {args.output}")
    return 0
