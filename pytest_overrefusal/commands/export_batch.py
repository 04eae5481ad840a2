"""``overrefusal export-batch SUITE_OR_DIR... -o requests.jsonl``: OpenAI Batch API requests for every prompt.

One line per prompt: ``custom_id`` (``SUITE/ID``), ``method``, ``url`` and a chat-completions ``body``
that is exactly what the ``openai`` backend would send in a live run: the conversation with the system
prompt resolved as the runner resolves it (prompt, suite defaults, ``--system-prompt``, then the ini
value ``overrefusal_system_prompt``), and the run's ``max_tokens``, ``temperature``, ``seed`` and
``stop``. vLLM's ``run-batch`` and the OpenAI/Azure Batch APIs read this file; the ``replay`` backend
reads what they write back.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..backends.base import GenerationSettings
from ..backends.openai import chat_payload
from ..errors import ConfigError
from ..runner import RunSettings, requests_for
from ..settings import DEFAULT_MAX_NEW_TOKENS, as_float, as_int
from ..suite import DEFAULT_GLOB, Case, find_suite_files, load_suite
from ._ini import ini_values

HELP = "write an OpenAI Batch API request file (for vLLM run-batch or a Batch API) with one line per prompt"

URL = "/v1/chat/completions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="SUITE_OR_DIR", help="suite files or directories of suites")
    parser.add_argument("-o", "--output", required=True, metavar="PATH", help="the request file to write (JSONL)")
    parser.add_argument(
        "--model", metavar="NAME", help="model name in every request body (what the batch engine serves); required"
    )
    parser.add_argument(
        "--max-tokens",
        metavar="N",
        help=f"max_tokens (default: ini overrefusal_max_new_tokens, else {DEFAULT_MAX_NEW_TOKENS}, as a live run)",
    )
    parser.add_argument("--temperature", metavar="T", default="0", help="temperature (default: 0, greedy)")
    parser.add_argument("--seed", metavar="N", default="0", help="seed (default: 0, as a live run sends)")
    parser.add_argument("--stop", metavar="TEXT", action="append", default=[], help="stop sequence, repeatable")
    parser.add_argument(
        "--system-prompt",
        metavar="TEXT",
        help="system prompt for prompts whose suite sets none (default: ini overrefusal_system_prompt)",
    )
    parser.add_argument(
        "-c", dest="inifile", metavar="PATH", help="pytest configuration file (default: found as pytest finds it)"
    )
    parser.add_argument("--glob", help=f"suite file pattern in directories (default: ini, else {DEFAULT_GLOB})")
    parser.add_argument("--language", action="append", default=[], metavar="CODE", help="only this language")
    parser.add_argument("--category", action="append", default=[], metavar="NAME", help="only this category")
    parser.add_argument("--label", action="append", default=[], choices=("safe", "unsafe"), help="only this label")


def _cases(args: argparse.Namespace, glob: str) -> list[Case]:
    files = find_suite_files(args.paths, glob)
    if not files:
        raise ConfigError(f"no suite files ({glob}) under {', '.join(args.paths)}")
    owners: dict[str, Path] = {}
    cases: list[Case] = []
    for path in files:
        suite = load_suite(path)
        if suite.name in owners:
            raise ConfigError(f"{path}:1: suite name {suite.name!r} is already used by {owners[suite.name]}")
        owners[suite.name] = path
        cases.extend(suite.cases)
    selected = [
        c
        for c in cases
        if (not args.language or c.language in args.language)
        and (not args.category or c.category in args.category)
        and (not args.label or c.label in args.label)
    ]
    if not selected:
        raise ConfigError("no prompt matches the --language/--category/--label filters")
    return selected


def _settings(args: argparse.Namespace, ini: dict[str, str]) -> RunSettings:
    # The same fallbacks, in the same order, as the plugin's Settings (command line, then ini, then default).
    max_tokens = args.max_tokens or ini.get("overrefusal_max_new_tokens") or str(DEFAULT_MAX_NEW_TOKENS)
    generation = GenerationSettings(
        max_new_tokens=as_int("--max-tokens", str(max_tokens), 1),
        temperature=as_float("--temperature", args.temperature, 0.0, 5.0),
        seed=as_int("--seed", args.seed, 0),
        stop=tuple(args.stop),
    )
    return RunSettings(generation, args.system_prompt or ini.get("overrefusal_system_prompt") or None)


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.writelines(line + "\n" for line in lines)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    if not args.model:
        raise ConfigError("--model NAME is required: the model name the batch engine serves (it goes in every body)")
    ini_path, ini = ini_values(args.paths, args.inifile)
    glob = args.glob or ini.get("overrefusal_suite_glob") or DEFAULT_GLOB
    settings = _settings(args, ini)
    cases = _cases(args, glob)
    lines = []
    for case, request in zip(cases, requests_for(cases, settings), strict=True):
        body = chat_payload(request, args.model)
        body.pop("stream")  # false is every API's default, and a Batch API line never streams
        line: dict[str, Any] = {"custom_id": f"{case.suite}/{case.id}", "method": "POST", "url": URL, "body": body}
        lines.append(json.dumps(line, ensure_ascii=False))
    output = Path(args.output)
    _write(output, lines)
    where = f" (ini: {ini_path})" if ini_path is not None else ""
    print(
        f"wrote {len(lines)} request(s) to {output}: model {args.model}, max_tokens "
        f"{settings.generation.max_new_tokens}, temperature {settings.generation.temperature:g}{where}",
        file=sys.stderr,
    )
    return 0
