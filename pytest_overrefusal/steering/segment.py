"""Word units of a prompt for trigger attribution, per script, without a dictionary.

Attribution removes one unit at a time, so a unit must be something a reader would call a word:

* scripts written with spaces (Latin, Cyrillic, Greek, Arabic, Devanagari, Hangul, ...): maximal runs of
  letters, digits and combining marks between spaces and punctuation (combining marks stay inside the
  word, so Devanagari vowel signs do not split it);
* Chinese (Han without kana): most words are one or two characters, and no dictionary ships with the
  package, so a Han run longer than two characters gives every two-character span (overlapping:
  span masking), which contains each two-character word exactly once;
* Japanese: first split where the script changes (kanji / hiragana / katakana), which separates
  particles and okurigana from stems and keeps katakana loanwords whole; kanji runs then as Chinese;
* Thai, Lao, Khmer, Myanmar: no spaces between words and no dictionary here, so a run gives overlapping
  spans of three character clusters (a base letter with its combining marks), about one syllable
  or short word each.

A dictionary segmenter would give better units for the last two groups; the spans still locate the
trigger (the top span contains it) and agreement with annotated focus words counts overlap.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["Unit", "remove_unit", "segment"]


@dataclass(frozen=True)
class Unit:
    """A word of the text: ``text[start:end]``."""

    text: str
    start: int
    end: int


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x3040 <= code <= 0x309F:
        return "hira"
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "kata"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF:
        return "han"
    if 0x0E00 <= code <= 0x0EFF or 0x1780 <= code <= 0x17FF or 0x1000 <= code <= 0x109F:
        return "sea"  # Thai, Lao, Khmer, Myanmar: written without spaces between words
    return "spaced"


def _in_word(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in "LNM" or ch in "-'’"


def _runs(text: str) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for i, ch in enumerate(text):
        if _in_word(ch):
            if start is None:
                start = i
        elif start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(text)))
    # Hyphens and apostrophes join words, but not at a word's edge ("-x", "rock'").
    out = []
    for s, e in runs:
        while s < e and text[s] in "-'’":
            s += 1
        while e > s and text[e - 1] in "-'’":
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _spans(start: int, stops: list[int], width: int) -> list[tuple[int, int]]:
    """Overlapping spans of ``width`` clusters; ``stops`` are the cluster ends after ``start``."""
    bounds = [start, *stops]
    if len(bounds) - 1 <= width:
        return [(bounds[0], bounds[-1])]
    return [(bounds[i], bounds[i + width]) for i in range(len(bounds) - width)]


def _clusters(text: str, start: int, end: int) -> list[int]:
    """End offsets of the character clusters (a base character and the combining marks after it)."""
    stops: list[int] = []
    for i in range(start, end):
        if i > start and unicodedata.category(text[i])[0] == "M":
            stops[-1] = i + 1
        else:
            stops.append(i + 1)
    return stops


def segment(text: str) -> list[Unit]:
    """The word units of ``text`` in reading order (see the module docstring for the rules per script)."""
    has_kana = any(_script(ch) in ("hira", "kata") for ch in text)
    spans: list[tuple[int, int]] = []
    for s, e in _runs(text):
        # Split the run where the script group changes; "spaced" letters stay one piece.
        piece_start = s
        for i in range(s + 1, e + 1):
            if i < e and _group(text[i], has_kana) == _group(text[i - 1], has_kana):
                continue
            if i < e and unicodedata.category(text[i])[0] == "M":
                continue
            spans.extend(_split(text, piece_start, i, _group(text[piece_start], has_kana)))
            piece_start = i
    return [Unit(text[s:e], s, e) for s, e in spans]


def _group(ch: str, has_kana: bool) -> str:
    script = _script(ch)
    if script in ("hira", "kata") and not has_kana:
        return "han"
    return script


def _split(text: str, start: int, end: int, group: str) -> list[tuple[int, int]]:
    if group == "han":
        return _spans(start, _clusters(text, start, end), 2)
    if group == "sea":
        return _spans(start, _clusters(text, start, end), 3)
    return [(start, end)]


def remove_unit(text: str, unit: Unit) -> str:
    """``text`` without ``unit``; one of the spaces around it goes too, so no double space is left."""
    before, after = text[: unit.start], text[unit.end :]
    if before.endswith(" ") and (after.startswith(" ") or not after or not _in_word(after[0])):
        before = before[:-1]
    elif not before and after.startswith(" "):
        after = after[1:]
    return before + after
