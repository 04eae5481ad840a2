"""``overrefusal judge-train LABELLED... -o MODEL.npz``: fit the classifier judge to labelled completions.

Reads the layouts ``judge-eval`` reads (XSTest's, or generic ``completion,label`` CSVs such as the
repository's ``judge-corpus/*.csv``), fits a logistic regression over hashed n-gram features
(scikit-learn, from the ``train`` extra) and writes a model file that ``classifier:MODEL.npz`` and
``combined:MODEL.npz`` load with numpy alone. Only bucket weights are written: no vocabulary, nothing
of the training text. The same files give the same model (training is deterministic), which is how
the shipped model is checked (``make judge-model``; tests/test_judge_classifier.py).

Measure a model on sources it was not trained on with ``judge-eval --cross-validate``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ConfigError, OverrefusalError
from ..judges.evaluate import LabelledRow, load_labelled

__all__ = ["HELP", "add_arguments", "run"]

HELP = "train the classifier judge on labelled completions (XSTest or generic CSV) into a model file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="LABELLED", help="labelled CSV files (judge-eval's layouts)")
    parser.add_argument("-o", "--output", required=True, metavar="MODEL.npz", help="model file to write")
    parser.add_argument("--c", type=float, default=None, metavar="C", help="inverse regularisation (default 8)")
    parser.add_argument(
        "--max-chars", type=int, default=None, metavar="N", help="answer characters the judge reads (default 600)"
    )
    parser.add_argument(
        "--threshold", type=float, default=0.5, metavar="P", help="P(refusal) at or above which is a refusal"
    )


def run(args: argparse.Namespace) -> int:
    from ..judges.classifier import save_model
    from ..judges.features import DEFAULT_MAX_CHARS
    from ..judges.training import DEFAULT_C, fit

    try:
        if not 0.0 < args.threshold < 1.0:
            raise ConfigError(f"--threshold must be between 0 and 1, got {args.threshold}")
        c = DEFAULT_C if args.c is None else args.c
        if c <= 0:
            raise ConfigError(f"--c must be positive, got {c}")
        max_chars = DEFAULT_MAX_CHARS if args.max_chars is None else args.max_chars
        if max_chars < 1:
            raise ConfigError(f"--max-chars must be positive, got {max_chars}")
        rows: list[LabelledRow] = []
        for path in args.files:
            rows.extend(load_labelled(path))
        fitted = fit([r.completion for r in rows], [r.expected.refuses for r in rows], c=c, max_chars=max_chars)
        # Provenance by base name and row count only: the model file must not depend on where the
        # files sit, and ships nothing of their text.
        sources = sorted({Path(r.file).name for r in rows})
        meta = {
            "c": c,
            "max_chars": max_chars,
            "threshold": args.threshold,
            "n": fitted.n,
            "refusals": fitted.refusals,
            "sources": sources,
            # The combined judge trusts the classifier only in languages it has seen.
            "languages": sorted({r.language for r in rows}),
        }
        try:
            save_model(args.output, fitted.weights, fitted.bias, meta)
        except OSError as exc:
            raise ConfigError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    except OverrefusalError as exc:
        print(f"overrefusal judge-train: {exc}", file=sys.stderr)
        return 2
    print(f"trained on {fitted.n} responses ({fitted.refusals} refusals) from {len(sources)} files -> {args.output}")
    return 0
