"""``overrefusal plan``: how many prompts a cell needs to detect a change, paired and unpaired."""

from __future__ import annotations

import argparse

from ..errors import ConfigError
from ..power import plan

HELP = "print how many prompts a cell needs to detect a given rise in its rate (paired and unpaired test)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rate", type=float, required=True, help="the cell's current bad rate, e.g. 0.10")
    parser.add_argument("--detect", type=float, required=True, help="the absolute rise to detect, e.g. 0.05")
    parser.add_argument("--alpha", type=float, default=0.05, help="one-sided significance level (default: 0.05)")
    parser.add_argument("--power", type=float, default=0.8, help="chance of detecting the rise (default: 0.8)")
    parser.add_argument("--samples", type=int, default=1, help="sampled answers per prompt, K (default: 1)")
    parser.add_argument(
        "--churn",
        type=float,
        default=0.0,
        help="share of prompts that turn good between two runs of an unchanged model (default: 0; measure it as "
        "newly answered / paired prompts of an over-refusal cell in a baseline comparison)",
    )
    parser.add_argument(
        "--icc",
        type=float,
        default=0.5,
        help="with --samples: share of the answer-to-answer variation that lies between prompts (default: 0.5)",
    )
    _add_cells(parser)


def _add_cells(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cells",
        type=int,
        default=1,
        help="cells tested together in a run (Holm): each must meet alpha / cells when it alone changed (default: 1)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        result = plan(args.rate, args.detect, args.alpha, args.power, args.samples, args.churn, args.icc, args.cells)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    for line in result.lines():
        print(line)
    return 0
