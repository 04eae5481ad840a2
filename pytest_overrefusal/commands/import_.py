"""``overrefusal import FORMAT SRC... -o OUT.suite.yaml``: turn a published prompt set into a suite file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ConfigError, OverrefusalError, SourceError
from ..importers import FORMATS, ImportOptions, import_suite, unsupported_options
from ..stats import compute
from ..suite import Suite

__all__ = ["HELP", "add_arguments", "run"]

HELP = "convert a prompt set (XSTest, OR-Bench, PolyRefuse, XSB, any CSV or JSONL) into a suite file"

_FLAGS = {
    "suite": "--suite",
    "language": "--language",
    "label": "--label",
    "orbench_kind": "--orbench-kind",
    "column_map": "--map",
    "label_map": "--label-map",
    "default_label": "--default-label",
    "default_language": "--default-language",
    "default_category": "--default-category",
    "id_prefix": "--id-prefix",
    "contrast": "--no-contrast",
    "licence": "--licence",
    "description": "--description",
}

_EPILOG = (
    "formats:\n"
    + "\n".join(f"  {name:<11} {spec.summary}" for name, spec in FORMATS.items())
    + (
        "\n\nexamples:\n"
        "  overrefusal import xstest xstest_prompts.csv -o suites/xstest.suite.yaml\n"
        "  overrefusal import polyrefuse data/polyrefuse/ -o suites/polyrefuse.suite.yaml\n"
        "  overrefusal import orbench or-bench-hard-1k.csv --orbench-kind hard -o suites/orbench-hard.suite.yaml\n"
        "  overrefusal import csv mine.csv --map prompt=question --map label=is_harmful --map category=topic \\\n"
        "      --label-map 1=unsafe --label-map 0=safe --default-language en -o suites/mine.suite.yaml"
    )
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = HELP
    parser.epilog = _EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    add = parser.add_argument
    add("format", choices=sorted(FORMATS), metavar="FORMAT", help=f"one of: {', '.join(FORMATS)}")
    add("sources", nargs="+", type=Path, metavar="SRC", help="input file(s); polyrefuse also takes a directory")
    add("-o", "--output", required=True, metavar="OUT", help="suite file to write (*.suite.yaml), or - for stdout")
    add("--suite", metavar="NAME", help="suite name (default: from the format or the file name)")
    add("--description", metavar="TEXT", help="suite description to write")
    add("--language", metavar="CODE", help="language of every prompt (ISO 639-1: en, de, pt-BR, ...)")
    add("--label", choices=("safe", "unsafe"), help="polyrefuse: label of every prompt (default: from the file name)")
    add(
        "--orbench-kind",
        choices=("hard", "toxic"),
        help="orbench: hard = benign but seemingly toxic (label safe), toxic (label unsafe); default: by file name",
    )
    add("--map", action="append", default=[], metavar="FIELD=COLUMN", help="csv/jsonl/xsb: read FIELD from COLUMN")
    add("--label-map", action="append", default=[], metavar="VALUE=LABEL", help="read label VALUE as safe or unsafe")
    add("--default-label", choices=("safe", "unsafe"), help="label for records without one")
    add("--default-language", metavar="CODE", help="language for records without one")
    add("--default-category", metavar="NAME", help="category for records without one")
    add("--id-prefix", metavar="PREFIX", help="prefix for prompt ids (mine- gives mine-17)")
    add("--no-contrast", dest="contrast", action="store_false", help="xstest: do not link contrast twins")
    add("--licence", "--license", dest="licence", metavar="TEXT", help="licence to name in the file header")


def _pairs(values: list[str], flag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ConfigError(f"{flag} expects KEY=VALUE, got {item!r}")
        if key.strip() in out:
            raise ConfigError(f"{flag} gives {key.strip()!r} twice")
        out[key.strip()] = value.strip()
    return out


def _options(args: argparse.Namespace) -> ImportOptions:
    label_map = _pairs(args.label_map, "--label-map")
    for value, label in label_map.items():
        if label not in ("safe", "unsafe"):
            raise ConfigError(f"--label-map {value}={label}: the label must be safe or unsafe")
    return ImportOptions(
        suite=args.suite,
        language=args.language,
        label=args.label,
        orbench_kind=args.orbench_kind,
        column_map=_pairs(args.map, "--map"),
        label_map=label_map,
        default_label=args.default_label,
        default_language=args.default_language,
        default_category=args.default_category,
        id_prefix=args.id_prefix,
        contrast=args.contrast,
        licence=args.licence,
        description=args.description,
    )


def _summary(out: str, suite: Suite) -> str:
    stats = compute([suite])
    parts = [f"{_n(stats.prompts, 'prompt')} ({stats.safe} safe, {stats.unsafe} unsafe)"]
    parts.append(_n(len(stats.languages), "language"))
    parts.append(_n(len(stats.categories), "category", "categories"))
    if stats.contrast.safe_with_twin:
        parts.append(_n(stats.contrast.safe_with_twin, "contrast pair"))
    if stats.multi_turn:
        parts.append(f"{stats.multi_turn} multi-turn")
    line = f"wrote {out}: suite {suite.name!r}, " + ", ".join(parts)
    if stats.duplicates:
        line += f"; {_n(len(stats.duplicates), 'duplicated prompt text')} (see overrefusal stats {out})"
    return line


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def run(args: argparse.Namespace) -> int:
    to_stdout = args.output == "-"
    out = None if to_stdout else Path(args.output)
    try:
        options = _options(args)
        spec = FORMATS[args.format]
        unused = unsupported_options(spec, options)
        if unused:
            flags = ", ".join(_FLAGS[name] for name in unused)
            verb = "does" if len(unused) == 1 else "do"
            raise ConfigError(f"{flags} {verb} not apply to format {spec.name} (see overrefusal import --help)")
        result = import_suite(args.format, args.sources, out, options)
    except SourceError as exc:
        print(_one_line(str(exc)), file=sys.stderr)
        return 1
    except ConfigError as exc:
        print(f"overrefusal import: {_one_line(str(exc))}", file=sys.stderr)
        return 2
    except OverrefusalError as exc:
        print(f"overrefusal import: {_one_line(str(exc))}", file=sys.stderr)
        return 1
    if to_stdout:
        sys.stdout.write(result.text)
    else:
        assert out is not None
        if not out.name.endswith(".suite.yaml"):
            print(f"note: {out} does not end in .suite.yaml, so directory scans will not find it", file=sys.stderr)
        print(_summary(str(out), result.suite))
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())
