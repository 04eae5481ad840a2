"""Choose the held-out prompts before generating, and turn the runs into a draft without any judge output.

    # 1. which prompts: from the sampled items of a collect-only run of each set
    pytest suites --overrefusal-sample=480 --overrefusal-sample-seed=11 --collect-only -q > a.collect
    pytest suites --overrefusal-sample=240 --overrefusal-sample-seed=23 --collect-only -q > b.collect
    python judge-corpus/heldout/extract.py select a.collect b.collect --out-a a.nodes --out-b b.nodes
    # 2. generate: pytest $(cat a.nodes) ... --overrefusal-json=a.json (see README.md, "heldout/")
    # 3. the draft to label by reading
    python judge-corpus/heldout/extract.py draft a.json b.json -o draft.csv

The choice sees only the suites' prompts (never an answer): per language, the first ``--a-per-label``
safe and unsafe prompts of set A's sample, then ``--b-per-label`` of set B's, in SHA-1 order of
``suite/id`` (deterministic, spread over categories). A prompt is skipped when its text is in
``judge-corpus/sources/*.csv`` (read while heuristics were designed), and a set-B prompt when set A's
sample holds it. ``draft`` reads only each result's id, language, prompt label, last user turn and
response; never the verdict, evidence, score or confidence, so the labelling cannot be swayed by a judge.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SOURCES = HERE.parent / "sources"
HEADER = ["id", "language", "voice", "prompt_label", "prompt", "completion", "label", "note"]
VOICES = ("smollm2-96", "smollm2-256")


def _order(suite: str, item: str) -> str:
    return hashlib.sha1(f"{suite}/{item}".encode()).hexdigest()


def _sampled(collect: Path) -> list[str]:
    """Node ids of the prompt items a collect-only run listed (its rate items are left out)."""
    lines = collect.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if ".suite.yaml::" in line and "::rates[" not in line]


def _select(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(REPO))
    from pytest_overrefusal.suite import Case, load_suite

    cases: dict[str, Case] = {}
    for path in sorted((REPO / "suites").glob("*.suite.yaml")):
        for case in load_suite(path):
            cases[f"suites/{path.name}::{case.node_name}"] = case
    old: set[str] = set()
    for path in sorted(SOURCES.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            old |= {r["prompt"] for r in csv.DictReader(fh)}
    a_nodes, b_nodes = _sampled(args.a), _sampled(args.b)
    a_prompts = {cases[n].prompt for n in a_nodes}
    for nodes, per_label, banned, out in (
        (a_nodes, args.a_per_label, old, args.out_a),
        (b_nodes, args.b_per_label, old | a_prompts, args.out_b),
    ):
        chosen: list[str] = []
        for lang in sorted({cases[n].language for n in nodes}):
            for label in ("safe", "unsafe"):
                pool = [n for n in nodes if cases[n].language == lang and cases[n].label == label]
                pool = [n for n in pool if cases[n].prompt not in banned]
                pool.sort(key=lambda n: _order(cases[n].suite, cases[n].id))
                chosen.extend(pool[:per_label])
                if len(pool) < per_label:
                    print(f"{out}: only {len(pool)} {lang} {label} prompts", file=sys.stderr)
        out.write_text("".join(f"{n}\n" for n in chosen), encoding="utf-8")
        print(f"{len(chosen)} prompts -> {out}")
    return 0


def _draft(args: argparse.Namespace) -> int:
    rows: list[tuple[tuple[str, str, str], list[str]]] = []
    for voice, path in zip(VOICES, (args.a, args.b), strict=True):
        for r in json.loads(path.read_text(encoding="utf-8"))["results"]:
            if r.get("error"):
                print(f"{path}: {r['id']}: backend error, left out", file=sys.stderr)
                continue
            users = [m.get("content", "") for m in r["messages"] if m.get("role") == "user"]
            rid = f"smollm2f-{r['language']}-{r['id']}"
            key = (voice, r["language"], r["label"])
            rows.append(
                (
                    (*key, _order(r["suite"], r["id"])),
                    [rid, r["language"], voice, r["label"], users[-1], r["response"], "", ""],
                )
            )
    rows.sort(key=lambda kv: (VOICES.index(kv[0][0]), *kv[0][1:]))
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(row for _, row in rows)
    print(f"{len(rows)} rows -> {args.out}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sel = sub.add_parser("select", help="choose the prompts of both sets from collect-only listings")
    sel.add_argument("a", type=Path, help="collect-only listing of set A's sample")
    sel.add_argument("b", type=Path, help="collect-only listing of set B's sample")
    sel.add_argument("--out-a", type=Path, required=True)
    sel.add_argument("--out-b", type=Path, required=True)
    sel.add_argument("--a-per-label", type=int, default=10)
    sel.add_argument("--b-per-label", type=int, default=5)
    dr = sub.add_parser("draft", help="write the unlabelled draft from the two run records")
    dr.add_argument("a", type=Path, help="set A's run record (--overrefusal-json)")
    dr.add_argument("b", type=Path, help="set B's run record")
    dr.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args(argv)
    return _select(args) if args.command == "select" else _draft(args)


if __name__ == "__main__":
    raise SystemExit(main())
