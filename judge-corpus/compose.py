"""Compose the hand-written parts in ``parts/<lang>.py`` into ``<lang>.csv``.

Every sentence in the corpus is hand-written in ``parts/``; this script only combines them
(openers + answers, declines + pivots, reasoning blocks + answers, warnings appended to full
answers, answers in another language) and samples a fixed share per label. It is deterministic:
``python judge-corpus/compose.py`` rewrites the committed CSVs byte for byte (``--out DIR`` writes
elsewhere, ``--check`` compares without writing).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import io
import random
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
HEADER = ["id", "language", "voice", "prompt_label", "prompt", "completion", "label"]
LANGUAGES = [
    "ar", "de", "en", "es", "fr", "hi", "id", "it", "ja", "ko",
    "nl", "pl", "pt", "ru", "th", "tr", "vi", "yo", "zh",
]  # fmt: skip
# Languages where most real-model traffic is judged get more rows; so does Yoruba, the weakest
# language on held-out model outputs, whose phrasing the classifier otherwise sees least.
BIG = {"en", "zh", "es", "de", "fr", "ja", "ko", "ru", "ar", "yo"}
ROWS_BIG, ROWS_SMALL = 330, 180
SHARES = {"compliance": 0.45, "refusal": 0.40, "partial_refusal": 0.15}
VOICES = [
    "terse", "verbose", "lecturing", "markdown", "reasoning",
    "other_language", "casual", "formal", "code", "roleplay", "degenerate",
]  # fmt: skip
# The language whose text answers a prompt in the voice other_language.
OTHER = {"en": "es"}
Row = tuple[str, str, str, str, str]  # voice, prompt_label, prompt, completion, label


def load_degenerate() -> dict[str, dict[str, list[tuple[str, str, str]]]]:
    spec = importlib.util.spec_from_file_location("corpus_degenerate", HERE / "degenerate.py")
    if spec is None or spec.loader is None:
        raise SystemExit("judge-corpus: cannot load degenerate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table: dict[str, dict[str, list[tuple[str, str, str]]]] = module.DEGENERATE
    return table


def loop(text: str, times: int = 5) -> str:
    """A small model's repetition loop: the opening clause of ``text`` again and again, cut off."""
    head = text.split("\n")[0][:48]
    if " " in head[12:]:
        head = head[: head.rindex(" ")]
    return (", ".join([head.rstrip(" ,.;:")] * times))[:220]


def truncate(text: str) -> str:
    """``text`` cut off mid-word by the token budget, as a generation that ran out writes it."""
    cut = max(12, min(len(text) * 2 // 3, 160))
    return text[:cut].rstrip() + text[cut : cut + 2].strip()[:1]


def degenerate(lang: str, parts: ModuleType) -> list[Row]:
    """Degenerate answers: hand-written ones (degenerate.py) and loops/truncations of this language's parts."""
    written = load_degenerate().get(lang, {})
    out: list[Row] = [("degenerate", pl, p, c, "!compliance") for pl, p, c in written.get("C", [])]
    out += [("degenerate", pl, p, c, "!refusal") for pl, p, c in written.get("R", [])]
    safe = list(parts.SAFE.values())
    for s in safe[:2]:
        out.append(("degenerate", "safe", s["p"], loop(s["a"]), "!compliance"))
    for s in safe[2:4]:
        out.append(("degenerate", "safe", s["p"], truncate(s["a"]), "!compliance"))
    unsafe = list(parts.UNSAFE.values())
    generic = [t for texts in parts.REFUSALS.values() for t in texts]
    if unsafe and generic:
        first = generic[0].split("\n")[0]
        out.append(("degenerate", "unsafe", unsafe[0]["p"], (" ".join([first] * 4))[:240], "!refusal"))
    return out


def load(lang: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"corpus_parts_{lang}", HERE / "parts" / f"{lang}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"judge-corpus: cannot load parts/{lang}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def think(parts: ModuleType, kind: str, i: int, text: str) -> str:
    """A reasoning block first: alternate the <think> tag and the 'Reasoning:' line style."""
    notes: list[str] = getattr(parts, kind)
    note = notes[i % len(notes)]
    if i % 2 == 0:
        return f"<think>\n{note}\n</think>\n\n{text}"
    return f"{parts.REASONING_LABEL} {note}\n\n{text}"


def pool(lang: str, parts: ModuleType, other: ModuleType) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {k: [] for k in SHARES}
    comp, ref, part = rows["compliance"], rows["refusal"], rows["partial_refusal"]
    generic = [(v, t) for v, texts in parts.REFUSALS.items() for t in texts]
    other_generic = [t for texts in other.REFUSALS.values() for t in texts]
    for n, (key, s) in enumerate(parts.SAFE.items()):
        p, a, v = s["p"], s["a"], s.get("v", "verbose")
        comp.append((v, "safe", p, a, "compliance"))
        for opener in parts.OPENERS:
            comp.append(("casual", "safe", p, f"{opener} {a}", "compliance"))
        for warning in parts.WARNINGS:
            comp.append(("lecturing", "safe", p, f"{a}\n\n{warning}", "compliance"))
        for i in range(len(parts.THINK_COMPLY)):
            comp.append(("reasoning", "safe", p, think(parts, "THINK_COMPLY", i + n, a), "compliance"))
        if key in other.SAFE:
            comp.append(("other_language", "safe", p, other.SAFE[key]["a"], "compliance"))
        if s.get("bait"):
            # Over-refusal of a benign prompt that looks risky.
            for v2, t in generic:
                ref.append((v2, "safe", p, t, "refusal"))
            for d in parts.DECLINE:
                if "pa" in s:
                    part.append(("verbose", "safe", p, f"{d} {s['pa']}", "partial_refusal"))
    for n, (key, u) in enumerate(parts.UNSAFE.items()):
        p = u["p"]
        for v2, t in generic:
            ref.append((v2, "unsafe", p, t, "refusal"))
        for i, t in enumerate(u["r"]):
            ref.append((u.get("rv", "formal"), "unsafe", p, t, "refusal"))
            ref.append(("reasoning", "unsafe", p, think(parts, "THINK_REFUSE", i + n, t), "refusal"))
        for i, (_, t) in enumerate(generic[n % 3 :: 4]):
            ref.append(("reasoning", "unsafe", p, think(parts, "THINK_REFUSE", i + n, t), "refusal"))
        for t in other_generic[n % 2 :: 3]:
            ref.append(("other_language", "unsafe", p, t, "refusal"))
        if key in other.UNSAFE:
            ref.append(("other_language", "unsafe", p, other.UNSAFE[key]["r"][0], "refusal"))
        if "pivot" in u:
            for i, d in enumerate(parts.DECLINE):
                part.append(("verbose", "unsafe", p, f"{d}\n\n{u['pivot']}", "partial_refusal"))
                if i % 2 == 0:
                    text = think(parts, "THINK_REFUSE", i + n, f"{d}\n\n{u['pivot']}")
                    part.append(("reasoning", "unsafe", p, text, "partial_refusal"))
        if "c" in u:
            comp.append((u.get("cv", "markdown"), "unsafe", p, u["c"], "compliance"))
            for opener in parts.OPENERS[:2]:
                comp.append(("casual", "unsafe", p, f"{opener} {u['c']}", "compliance"))
            for warning in parts.WARNINGS[:2]:
                comp.append(("lecturing", "unsafe", p, f"{u['c']}\n\n{warning}", "compliance"))
    for v, prompt_label, p, c, label in degenerate(lang, parts):
        rows[label[1:]].insert(0, (v, prompt_label, p, c, label))
    for v, prompt_label, p, c, label in parts.EXTRA:
        if label not in rows or v not in VOICES or prompt_label not in ("safe", "unsafe"):
            raise SystemExit(f"judge-corpus/parts/{lang}.py: EXTRA row {p!r}: bad voice, prompt_label or label")
        # Hand-written hard cases are always kept: listed first, never sampled away.
        rows[label].insert(0, (v, prompt_label, p, c, "!" + label))
    return rows


def compose(lang: str) -> list[list[str]]:
    parts, other = load(lang), load(OTHER.get(lang, "en"))
    total = ROWS_BIG if lang in BIG else ROWS_SMALL
    rng = random.Random(f"judge-corpus-{lang}")
    out: list[list[str]] = []
    seen: set[str] = set()
    for label, rows in pool(lang, parts, other).items():
        quota = round(total * SHARES[label])
        unique: list[Row] = []
        for row in rows:
            key = hashlib.sha1("\x00".join((lang, row[2], row[3])).encode()).hexdigest()[:10]
            if key not in seen:
                seen.add(key)
                unique.append(row)
        kept = [r for r in unique if r[4].startswith("!")]
        rest = [r for r in unique if not r[4].startswith("!")]
        chosen = kept + rng.sample(rest, max(0, min(len(rest), quota - len(kept))))
        for v, pl, p, c, _ in chosen:
            key = hashlib.sha1("\x00".join((lang, p, c)).encode()).hexdigest()[:10]
            out.append([f"{lang}-{key}", lang, v, pl, p, c, label])
    out.sort(key=lambda r: r[0])
    return out


def render(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--check", action="store_true", help="compare with the files in --out, write nothing")
    ap.add_argument("languages", nargs="*", default=None)
    args = ap.parse_args(argv)
    langs = args.languages or [x for x in LANGUAGES if (HERE / "parts" / f"{x}.py").exists()]
    stale = []
    for lang in langs:
        text = render(compose(lang))
        target: Path = args.out / f"{lang}.csv"
        if args.check:
            if not target.exists() or target.read_bytes() != text.encode("utf-8"):
                stale.append(lang)
        else:
            target.write_bytes(text.encode("utf-8"))
    if stale:
        print("stale:", " ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
