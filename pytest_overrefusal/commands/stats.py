"""``overrefusal stats PATH...``: what suites cover, where they are thin, and which prompts repeat."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import OverrefusalError
from ..stats import Stats, collect, compute
from ..suite import DEFAULT_GLOB, Suite
from ..suite_quality import MIN_MULTI_TURN, MIN_PER_CELL, check_all, multi_turn_counts

__all__ = ["HELP", "add_arguments", "format_stats", "run"]

HELP = "count a suite's prompts per language, category and label; contrast coverage; duplicate prompts"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = HELP
    add = parser.add_argument
    add("paths", nargs="+", metavar="PATH", help="suite files, or directories searched for suite files")
    add("--json", action="store_true", help="print the statistics as JSON (every duplicate listed)")
    add("--glob", default=DEFAULT_GLOB, metavar="PATTERN", help=f"suite files in directories (default: {DEFAULT_GLOB})")
    add("--max-duplicates", type=int, default=20, metavar="N", help="duplicate groups listed as text (default: 20)")
    add("--fail-on-duplicates", action="store_true", help="exit 1 when any prompt text appears more than once")
    add(
        "--min-per-cell", type=int, default=MIN_PER_CELL, metavar="N",
        help=f"flag (language, category) cells with fewer than N safe or N unsafe prompts (default: {MIN_PER_CELL})",
    )  # fmt: skip
    add(
        "--quality", action="store_true",
        help="also list suite-quality problems (near duplicates, missing focus words, twins, length balance; "
        "docs/suites.md) and exit 1 when there are any",
    )  # fmt: skip


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _pct(share: float | None) -> str:
    return "n/a" if share is None else f"{100 * share:.1f}%"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    # Names left, counts right.
    numeric = [i > 0 and all(r[i].isdigit() for r in rows) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        cells = [c.rjust(w) if num else c.ljust(w) for c, w, num in zip(row, widths, numeric, strict=True)]
        return "  ".join(cells).rstrip()

    return [fmt(header), *(fmt(r) for r in rows)]


def format_stats(stats: Stats, max_duplicates: int = 20, min_per_cell: int = 0) -> str:
    lines: list[str] = []
    n_files = len(stats.suites)
    lines.append(
        f"{_n(n_files, 'suite file')}: {_n(stats.prompts, 'prompt')} "
        f"({stats.safe} safe, {stats.unsafe} unsafe), {stats.multi_turn} multi-turn, "
        f"{_n(len(stats.languages), 'language')}, {_n(len(stats.categories), 'category', 'categories')}"
    )
    if n_files > 1:
        lines.append("")
        rows = [[s.path, s.suite, str(s.prompts), str(s.safe), str(s.unsafe), str(s.multi_turn)] for s in stats.suites]
        lines += _table(["file", "suite", "prompts", "safe", "unsafe", "multi-turn"], rows)

    cells: dict[tuple[str, str], dict[str, int]] = {}
    for cell in stats.cells:
        entry = cells.setdefault((cell.language, cell.category), {"safe": 0, "unsafe": 0, "multi_turn": 0})
        entry[cell.label] += cell.prompts
        entry["multi_turn"] += cell.multi_turn
    thin = {k for k, c in cells.items() if min(c["safe"], c["unsafe"]) < min_per_cell}
    rows = [
        [lang, cat, str(c["safe"]), str(c["unsafe"]), str(c["safe"] + c["unsafe"]), str(c["multi_turn"])]
        + (["thin" if (lang, cat) in thin else ""] if min_per_cell else [])
        for (lang, cat), c in sorted(cells.items())
    ]
    rows.append(["total", "", str(stats.safe), str(stats.unsafe), str(stats.prompts), str(stats.multi_turn)])
    rows[-1] += [""] if min_per_cell else []
    lines.append("")
    lines += _table(
        ["language", "category", "safe", "unsafe", "total", "multi-turn", *(["flag"] * bool(min_per_cell))], rows
    )
    if min_per_cell:
        lines.append(
            f"thin cells (< {min_per_cell} safe or < {min_per_cell} unsafe): {len(thin)} of {len(cells)}"
            + (f" -- {', '.join(f'{lang}/{cat}' for lang, cat in sorted(thin))}" if 0 < len(thin) <= 20 else "")
        )

    if len(stats.languages) > 1:
        lines.append("")
        rows = [
            [lang, *(str(c[k]) for k in ("safe", "unsafe", "total", "multi_turn"))]
            for lang, c in stats.by("language").items()
        ]
        lines += _table(["language", "safe", "unsafe", "total", "multi-turn"], rows)

    cov = stats.contrast
    lines.append("")
    lines.append(
        f"contrast coverage: {cov.safe_with_twin} of {cov.safe} safe prompts ({_pct(cov.twin_share)}) have an "
        f"unsafe twin; {cov.safe_with_twin_and_focus} of those ({_pct(cov.focus_share_of_twinned)}) name focus words"
    )
    lines.append(f"focus words: {cov.safe_with_focus} of {cov.safe} safe prompts")

    dups = stats.duplicates
    lines.append("")
    if not dups:
        lines.append("duplicates: none")
    else:
        across = sum(1 for g in dups if g.across_files)
        conflicting = sum(1 for g in dups if g.conflicting_labels)
        lines.append(
            f"duplicates: {_n(len(dups), 'group')} ({sum(len(g.occurrences) for g in dups)} prompts); "
            f"{across} across files, {conflicting} with conflicting labels"
        )
        for group in dups[:max_duplicates]:
            flags = ["conflicting labels"] if group.conflicting_labels else []
            flags += ["across files"] if group.across_files else []
            text = group.text if len(group.text) <= 70 else group.text[:67] + "..."
            marks = f"  [{', '.join(flags)}]" if flags else ""
            lines.append(f"  {json.dumps(text, ensure_ascii=False)} x{len(group.occurrences)}{marks}")
            for o in group.occurrences:
                lines.append(f"    {o.file}:{o.line}  {o.suite}:{o.id}  ({o.label}, {o.language})")
        if len(dups) > max_duplicates:
            lines.append(f"  ... and {len(dups) - max_duplicates} more (--json lists all)")
    return "\n".join(lines)


def _multi_turn_line(suites: list[Suite]) -> str:
    counts = multi_turn_counts(suites)
    few = [lang for lang, n in counts.items() if n < MIN_MULTI_TURN]
    parts = ", ".join(f"{lang} {n}" for lang, n in counts.items())
    flag = f"; fewer than {MIN_MULTI_TURN}: {', '.join(few)}" if few else ""
    return f"twinned multi-turn conversations per language: {parts}{flag}"


def run(args: argparse.Namespace) -> int:
    try:
        suites = collect(args.paths, args.glob)
    except FileNotFoundError as exc:
        print(f"{exc}: no such file or directory", file=sys.stderr)
        return 1
    except OverrefusalError as exc:
        print(" ".join(str(exc).split()), file=sys.stderr)
        return 1
    if not suites:
        print(f"no suite files ({args.glob}) under {', '.join(args.paths)}", file=sys.stderr)
        return 1
    stats = compute(suites)
    if args.json:
        print(json.dumps(stats.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_stats(stats, max(0, args.max_duplicates), max(0, args.min_per_cell)))
        print(_multi_turn_line(suites))
    if args.quality:
        problems = check_all(suites, minimum=max(0, args.min_per_cell))
        print(f"\nquality: {_n(len(problems), 'problem')}", file=sys.stderr if problems else sys.stdout)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        if problems:
            return 1
    if args.fail_on_duplicates and stats.duplicates:
        print(f"{_n(len(stats.duplicates), 'duplicated prompt text')} (--fail-on-duplicates)", file=sys.stderr)
        return 1
    return 0
