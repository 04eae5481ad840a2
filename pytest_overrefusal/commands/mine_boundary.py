"""``overrefusal mine-boundary``: find the safe prompts nearest a model's refusal boundary and save them as a suite.

The refusal direction is fitted on the suites' contrast pairs (or ``--direction-data``), every safe
prompt's boundary distance is found by steering along it, and the nearest ones that the model still
answers are written, marked ``boundary: true``, to a suite to track with ``pytest --overrefusal-boundary``.
Their unsafe contrast twins come along (unmarked) so the mined suite can fit its own direction.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import ConfigError, SuiteError
from ..suite import Case, load_suite

HELP = "rank safe prompts by steering distance to the refusal boundary and write the nearest as a suite"

DEFAULT_CACHE = ".overrefusal-cache/steering"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        default="hf:embedded",
        metavar="SPEC",
        help="local model: hf[:embedded|DIR|FILE.gguf] or llamacpp[:FILE.gguf] (default: hf:embedded)",
    )
    parser.add_argument(
        "--model-option", action="append", default=[], metavar="KEY=VALUE", help="model option, repeatable"
    )
    parser.add_argument("--suite", action="append", required=True, metavar="PATH", help="suite to mine (repeatable)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.suite.yaml", help="where to write the suite")
    parser.add_argument("--top", type=int, default=20, metavar="N", help="how many safe prompts to keep (default: 20)")
    parser.add_argument("--name", help="suite name of the output (default: <first suite>-boundary)")
    parser.add_argument(
        "--direction-data",
        action="append",
        default=[],
        metavar="PATH",
        help="suite whose contrast pairs fit the direction (repeatable; default: the mined suites)",
    )
    parser.add_argument("--layer", type=int, help="read and steer at this layer (default: held-out sweep)")
    parser.add_argument("--position", type=int, help="post-instruction position, negative (default: sweep)")
    parser.add_argument(
        "--threshold",
        default="auto",
        metavar="auto|SCORE",
        help="refusal-score threshold (default: auto, midway between safe and unsafe fitting prompts)",
    )
    parser.add_argument("--max-alpha", type=float, default=16.0, help="largest |alpha| searched (default: 16)")
    parser.add_argument("--max-pairs", type=int, default=128, help="contrast pairs fitting the direction (0: all)")
    parser.add_argument("--refusal-openers", metavar="WORDS", help="comma-separated refusal openers")
    parser.add_argument(
        "--include-refused",
        action="store_true",
        help="also keep safe prompts already past the boundary (refused at alpha 0), ranked first",
    )
    parser.add_argument("--no-twins", action="store_true", help="do not copy the unsafe contrast twins")
    parser.add_argument("--cache-dir", default=DEFAULT_CACHE, help=f"direction cache (default: {DEFAULT_CACHE})")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the direction cache")


def _threshold(text: str) -> float | None:
    if text == "auto":
        return None
    try:
        return float(text)
    except ValueError:
        raise ConfigError(f"--threshold must be 'auto' or a number, got {text!r}") from None


def _load(paths: list[str]) -> list[Case]:
    cases: list[Case] = []
    names: dict[str, str] = {}
    for path in paths:
        suite = load_suite(path)
        if suite.name in names:
            raise SuiteError(path, 1, f"suite name {suite.name!r} is already used by {names[suite.name]}")
        names[suite.name] = path
        cases.extend(suite.cases)
    return cases


def _entry(case: Case, new_id: str, *, boundary: bool, contrast: str | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": new_id}
    if case.multi_turn:
        entry["messages"] = [m.to_dict() for m in case.messages]
    else:
        entry["prompt"] = case.prompt
    entry.update({"label": case.label, "language": case.language, "category": case.category})
    if case.focus:
        entry["focus"] = list(case.focus)
    if contrast is not None:
        entry["contrast"] = contrast
    if case.note:
        entry["note"] = case.note
    if case.tags:
        entry["tags"] = list(case.tags)
    if case.system_prompt is not None:
        entry["system_prompt"] = case.system_prompt
    if boundary:
        entry["boundary"] = True
    return entry


def _fmt(value: float | None) -> str:
    return "not reached" if value is None else f"{value:+.3f}"


def write_suite(
    path: Path,
    name: str,
    description: str,
    chosen: list[tuple[Case, dict[str, Any]]],
    twins: dict[tuple[str, str], Case],
) -> None:
    import yaml

    all_cases = [c for c, _ in chosen] + list(twins.values())
    clash = len({c.id for c in all_cases}) < len(all_cases)

    def new_id(case: Case) -> str:
        return f"{case.suite}.{case.id}" if clash else case.id

    lines = [
        f"# Mined by `overrefusal mine-boundary`: {description}",
        "# Safe prompts are ranked by boundary distance (smallest |alpha| that flips the first-token refusal",
        "# score); re-mine after a model change rather than editing the numbers below.",
        yaml.safe_dump(
            {"suite": name, "version": "1", "description": description},
            allow_unicode=True,
            sort_keys=False,
            width=1000,
        ).rstrip(),
        "prompts:",
    ]

    def add(entry: dict[str, Any], comment: str | None) -> None:
        if comment:
            lines.append(f"  # {comment}")
        text = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
        lines.extend("  " + line for line in text.rstrip().splitlines())

    for rank, (case, info) in enumerate(chosen, start=1):
        twin = twins.get((case.suite, case.contrast)) if case.contrast else None
        comment = (
            f"#{rank}: alpha {_fmt(info['alpha'])}, margin {info['margin']:+.3f}, "
            f"refusal score {info['score']:+.2f} (from {case.suite}::{case.id})"
        )
        add(_entry(case, new_id(case), boundary=True, contrast=None if twin is None else new_id(twin)), comment)
    for (suite, _), twin in twins.items():
        safe = next(c for c, _ in chosen if c.suite == suite and c.contrast == twin.id)
        add(_entry(twin, new_id(twin), boundary=False, contrast=new_id(safe)), f"contrast twin of {new_id(safe)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", "utf-8")


def run(args: argparse.Namespace) -> int:
    from ..settings import key_values
    from ..steering.base import as_prompt
    from ..steering.loading import check_spec
    from ..steering.session import SteeringConfig, SteeringSession, fit_data_from_cases

    if args.top < 1:
        print("overrefusal mine-boundary: --top must be at least 1", file=sys.stderr)
        return 2
    options = key_values("--model-option", args.model_option)
    check_spec(args.model, options)
    cases = _load(args.suite)
    safe = [c for c in cases if c.label == "safe"]
    if not safe:
        print("overrefusal mine-boundary: the suites have no safe prompts to mine", file=sys.stderr)
        return 1
    fit_cases = _load(args.direction_data) if args.direction_data else cases
    openers = None
    if args.refusal_openers:
        openers = tuple(w.strip() for w in args.refusal_openers.split(",") if w.strip())
    config = SteeringConfig(
        model=args.model,
        model_options=options,
        layer=args.layer,
        position=args.position,
        cache_dir=None if args.no_cache else Path(args.cache_dir),
        openers=openers,
        threshold=_threshold(args.threshold),
        max_alpha=args.max_alpha,
        max_pairs=args.max_pairs or None,
    )
    session = SteeringSession(config)
    try:
        data = fit_data_from_cases(fit_cases, max_pairs=config.max_pairs)
        print(f"fitting the refusal direction on {data.source} ({args.model})", file=sys.stderr)
        direction = session.fit(data)
        prompts = [as_prompt(c) for c in safe]
        print(
            f"layer {direction.layer}, position {direction.position}; searching boundaries of {len(safe)} safe prompts",
            file=sys.stderr,
        )
        margins = session.margins(direction, prompts)
        distances = session.boundaries(direction, prompts)
    finally:
        session.close()
    ranked: list[tuple[Case, dict[str, Any]]] = []
    for case, margin, dist in zip(safe, margins, distances, strict=True):
        if dist.alpha is None or (dist.refused and not args.include_refused):
            continue
        ranked.append((case, {"alpha": dist.alpha, "margin": margin.margin, "score": dist.score}))
    ranked.sort(key=lambda item: item[1]["alpha"])
    chosen = ranked[: args.top]
    if not chosen:
        print(
            f"overrefusal mine-boundary: no safe prompt flips within |alpha| <= {args.max_alpha} "
            "(raise --max-alpha, or check --threshold and --refusal-openers)",
            file=sys.stderr,
        )
        return 1
    by_key = {c.key: c for c in cases}
    twins: dict[tuple[str, str], Case] = {}
    if not args.no_twins:
        for case, _ in chosen:
            twin = by_key.get((case.suite, case.contrast)) if case.contrast else None
            if twin is not None and twin.label == "unsafe":
                twins[twin.key] = twin
    name = args.name or f"{cases[0].suite}-boundary"
    threshold = session.threshold(direction)
    description = (
        f"the {len(chosen)} safe prompts nearest the refusal boundary of {args.model} "
        f"(layer {direction.layer}, position {direction.position}, threshold {threshold:+.3f})"
    )
    out = Path(args.output)
    write_suite(out, name, description, chosen, twins)
    load_suite(out)  # the output must be a valid suite; a failure here is a bug worth a traceback
    width = max(len(c.id) for c, _ in chosen)
    print(f"{'rank':>4}  {'prompt'.ljust(width)}  lang  alpha        margin")
    for rank, (case, info) in enumerate(chosen, start=1):
        print(
            f"{rank:>4}  {case.id.ljust(width)}  {case.language:<4}  {_fmt(info['alpha']):<11}  {info['margin']:+.3f}"
        )
    skipped = len(safe) - len(ranked)
    print(
        f"wrote {out}: {len(chosen)} boundary prompts and {len(twins)} contrast twins "
        f"({skipped} safe prompts refused at alpha 0 or never flipping were left out)"
    )
    return 0
