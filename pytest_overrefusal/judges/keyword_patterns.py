"""Text normalisation, phrase compilation and scanning for the ``keywords`` judge.

keywords.py owns the verdict rules; this module owns turning phrase files into trie-shaped regular
expressions per writing system, normalising a response so positions stay positions in the response,
and scanning a range of it for matches per category.
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .phrases import (
    REPLACEMENTS,
    Element,
    Group,
    LanguagePhrases,
    LiteralText,
    fold,
    parse_phrase,
    unify,
)

# ==================================================================================================
# Text normalisation
#
# Typographic quotes become ASCII (phrases.REPLACEMENTS) and markdown emphasis becomes spaces, one
# character for one, so that positions in the normalised text are positions in the response.

_MARKDOWN = (("*", " "), ("_", " "), ("#", " "), ("`", " "))
_SENTENCE_END = re.compile(r"[.!?\n。！？…؟।]+")
_SKIP_CHARS = " \t\r\n\"'«»()[]>-–—•·:¡¿「」『』【】"
_SKIP_AT_START = frozenset(_SKIP_CHARS)
_SKIP_RE = re.compile("[" + re.escape(_SKIP_CHARS) + "]*")
_THINK = re.compile(r"\s*<think>.*?</think>", re.DOTALL)
# Writing systems, so that a response only pays for the patterns of the scripts it contains. A
# phrase belongs to the script of its first letter, the only character a match can start on.
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("cyrillic", "\u0400-\u052f"),
    ("arabic", "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"),
    ("devanagari", "\u0900-\u097f"),
    ("thai", "\u0e00-\u0e7f"),
    ("hangul", "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"),
    ("cjk", "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"),
)
_SCRIPT_RE = {name: re.compile(f"[{chars}]") for name, chars in _SCRIPTS}
_LATIN_RE = re.compile(r"[a-z\u00c0-\u024f\u1e00-\u1eff]")


@functools.lru_cache(maxsize=8192)
def _script_of(ch: str) -> str:
    for name, pattern in _SCRIPT_RE.items():
        if pattern.match(ch):
            return name
    return "latin" if _LATIN_RE.match(ch) else "other"


def _scripts_in(text: str) -> frozenset[str]:
    if text.isascii():
        return frozenset({"latin"})
    found = {_script_of(c) for c in set(text) if c > "\u024f"}
    if _LATIN_RE.search(text):
        found.add("latin")
    return frozenset(found)


def _sentence_starts(text: str, window: int) -> list[int]:
    """Where sentences start before ``window``, past any quotes, brackets, bullets or spaces."""
    starts: list[int] = []
    for pos in itertools.chain((0,), (m.end() for m in _SENTENCE_END.finditer(text, 0, window))):
        pos = _SKIP_RE.match(text, pos).end()  # type: ignore[union-attr]
        if pos < window and (not starts or starts[-1] != pos):
            starts.append(pos)
    return starts


# Letters of languages whose writers often drop diacritics match any accented form of themselves,
# followed by any combining marks (Latin accents and tone marks, Arabic harakat): no folded copy of
# the text is needed, and positions stay exact.
_MARKS = "[\u0300-\u036f\u064b-\u065f\u0670]*"
_FOLDABLE_RANGES = ((0x00C0, 0x0250), (0x1E00, 0x1F00), (0x0622, 0x0627))


@functools.lru_cache(maxsize=1)
def _accented_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for lo, hi in _FOLDABLE_RANGES:
        for code in range(lo, hi):
            ch = chr(code)
            base = fold(ch)
            if len(base) == 1 and base != ch:
                forms[base] = forms.get(base, "") + ch
    return forms


def _fold_token(ch: str) -> str:
    """A regex for one letter of a diacritic-folding language."""
    return "[" + re.escape(ch + _accented_forms().get(ch, "")) + "]" + _MARKS


class _Text:
    """The normalised opening of a response, where its sentences start and which scripts it uses."""

    def __init__(self, response: str, limit: int, window: int) -> None:
        head = response[:limit]
        if not head.isascii() and not unicodedata.is_normalized("NFC", head):
            head = unicodedata.normalize("NFC", head)
        self.display = head
        norm = unify(unify(head, REPLACEMENTS), _MARKDOWN)
        lowered = norm.lower()
        if len(lowered) != len(norm):
            # A few characters lowercase to several code points; keep one for one to keep positions.
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in norm)
        self.norm = lowered
        self.window = min(window, len(lowered))
        self.starts = _sentence_starts(lowered, self.window)
        self.scripts = _scripts_in(lowered[: self.window])

    def second_start(self) -> int:
        return self.starts[1] if len(self.starts) > 1 else self.window

    def lead_end(self, sentences: int = 2) -> int:
        """End of the first ``sentences`` sentences (two: where lectures and disclaimers stand in for an answer)."""
        return self.starts[sentences] if len(self.starts) > sentences else self.window


# ==================================================================================================
# Phrase syntax -> regular expressions
#
# Phrases are matched case-insensitively; a run of spaces matches any whitespace; ``{a|b}`` is a
# (nestable) alternation; ``...`` is a gap of up to 40 characters inside the sentence; a ``*`` after
# a word lets it go on ("provid*"); a leading ``^`` anchors the phrase at the start of a sentence.

_WS, _GAP, _GAPWS, _STEM, _BSTART, _BEND, _END = (
    "\x00ws",
    "\x00gap",
    "\x00gapws",
    "\x00stem",
    "\x00b<",
    "\x00b>",
    "\x00end",
)
_RAW = "\x00re:"  # prefix of a token that is already a regular expression (an alternation)
_GAP_RE = r"[^.!?\n。！？؟।]{0,40}?"
_TOKEN_RE = {
    _WS: r"\s+",
    _GAP: _GAP_RE,
    _GAPWS: r"\s+" + _GAP_RE + r"\s*",
    _STEM: r"\w*",
    _BSTART: r"(?<!\w)",
    # Not inside a word, nor before a contraction: "i can" must not match "i can't".
    _BEND: r"(?!\w|'\w)",
}


def _char_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    i = 0
    while i < len(text):
        if text.startswith("...", i):
            tokens.append(_GAP)
            i += 3
        elif text[i].isspace():
            while i < len(text) and text[i].isspace():
                i += 1
            tokens.append(_WS)
        elif text[i] == "*":
            tokens.append(_STEM)
            i += 1
        else:
            tokens.append(text[i])
            i += 1
    return tokens


def _merge_gaps(tokens: list[str], word_boundaries: bool) -> list[str]:
    # Whitespace around a gap belongs to the gap, so "ich kann ... nicht" also matches "ich kann nicht".
    merged: list[str] = []
    for tok in tokens:
        if merged and ((tok == _GAP and merged[-1] == _WS) or (tok == _WS and merged[-1] in (_GAP, _GAPWS))):
            merged[-1] = _GAPWS
        else:
            merged.append(tok)
    if not word_boundaries:
        return merged
    bounded: list[str] = []
    for i, tok in enumerate(merged):
        if len(tok) == 1 and tok.isalnum() and i > 0 and merged[i - 1] in (_GAP, _GAPWS):
            bounded.append(_BSTART)
        bounded.append(tok)
    return bounded


@functools.lru_cache(maxsize=4096)
def _group_token(group: Group, word_boundaries: bool, fold: bool) -> str | None:
    # Leading expansion repeats a phrase's later alternations in every variant: build each once.
    options = [_raw_tokens(option, word_boundaries, fold) for option in group.options]
    pattern = _trie_pattern([(o, None) for o in options if o], None)
    if pattern is None:
        return None
    optional = any(not o for o in options)
    return _RAW + (f"(?:{pattern})?" if optional else f"(?:{pattern})")


def _raw_tokens(elements: Sequence[Element], word_boundaries: bool, fold: bool) -> list[str]:
    tokens: list[str] = []
    for element in elements:
        if isinstance(element, LiteralText):
            tokens.extend(_char_tokens(element.text))
        elif (token := _group_token(element, word_boundaries, fold)) is not None:
            tokens.append(token)
    tokens = _merge_gaps(tokens, word_boundaries)
    if fold:
        tokens = [_RAW + _fold_token(t) if len(t) == 1 and t.isalpha() else t for t in tokens]
    return tokens


def _tokens(variant: list[Element], word_boundaries: bool, fold: bool) -> list[str]:
    """Tokens of one variant: characters, whitespace, gaps, and alternations as ready-made regexes."""
    tokens = _raw_tokens(variant, word_boundaries, fold)
    # The boundary before a phrase is checked once for the whole trie (see _build_pattern); the one
    # after it applies after a trailing alternation too: a phrase never ends inside a word unless '*'
    # says so.
    if word_boundaries and tokens and tokens[-1] != _STEM:
        tokens.append(_BEND)
    return tokens


_Label = tuple[str, str]  # (category, language)


def _trie_pattern(
    entries: Iterable[tuple[list[str], _Label | None]], leaves: list[frozenset[_Label]] | None
) -> str | None:
    """One regex for many token sequences, factored on common prefixes so that matching stays fast.

    With ``leaves``, each sequence ends in an empty named group ``_N`` and ``leaves[N]`` holds the
    (category, language) pairs whose phrase ends there: ``match.lastgroup`` tells what matched.
    """
    root: dict[str, Any] = {}
    count = 0
    for tokens, label in entries:
        node = root
        for tok in tokens:
            node = node.setdefault(tok, {})
        node.setdefault(_END, set())
        if label is not None:
            node[_END].add(label)
        count += 1
    if not count:
        return None

    def emit(node: dict[str, Any]) -> str:
        branches = []
        for tok, child in sorted(node.items(), key=lambda kv: kv[0]):
            if tok == _END:
                continue
            head = tok[len(_RAW) :] if tok.startswith(_RAW) else _TOKEN_RE.get(tok) or re.escape(tok)
            branches.append(head + emit(child))
        if _END in node:
            end = ""
            if leaves is not None:
                end = f"(?P<_{len(leaves)}>)"
                leaves.append(frozenset(node[_END]))
            # The end of a shorter phrase goes last so that the longest phrase at a position wins.
            branches.append(end)
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(root)


class _Pattern:
    """A trie regex with the labels of its leaves, compiled on first use (compiling is the slow part
    of building a judge, and a run may never meet some scripts)."""

    def __init__(self, source: str, leaves: Sequence[frozenset[_Label]]) -> None:
        self.source = source
        self.leaves = tuple(leaves)
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.source)
        return self._regex

    def labels(self, match: re.Match[str]) -> frozenset[_Label]:
        name = match.lastgroup
        return self.leaves[int(name[1:])] if name else frozenset()


def _build_pattern(groups: Mapping[bool, list[tuple[list[str], _Label]]]) -> _Pattern | None:
    """One pattern for phrases with (True) and without (False) a leading word boundary.

    The boundary is checked once at the root rather than once per phrase, which is much faster; a
    scan costs about the same whatever the number of phrases, so fewer, larger patterns are faster.
    """
    leaves: list[frozenset[_Label]] = []
    parts: list[str] = []
    bounded = _trie_pattern(groups.get(True, []), leaves)
    if bounded is not None:
        parts.append(r"(?<!\w)(?:" + bounded + ")")
    free = _trie_pattern(groups.get(False, []), leaves)
    if free is not None:
        parts.append(free)
    return _Pattern("|".join(parts), leaves) if parts else None


@dataclass
class _Matcher:
    """One script's patterns over a set of categories: phrases that may occur anywhere, and phrases
    that count only at the start of a sentence (matched at the sentence starts alone)."""

    free: _Pattern | None = None
    anchored: _Pattern | None = None


def _compile_matchers(langs: Iterable[LanguagePhrases], categories: Sequence[str]) -> dict[str, _Matcher]:
    # script -> anchored -> bounded -> [(tokens, label)]
    lists: dict[str, dict[bool, dict[bool, list[tuple[list[str], _Label]]]]] = {}
    for lang in langs:
        for category in categories:
            for phrase, _, _ in lang.phrases.get(category, []):
                parsed = parse_phrase(phrase, lang.fold_diacritics)
                for variant in parsed.variants:
                    first = variant[0]
                    assert isinstance(first, LiteralText)
                    script = _script_of(first.text[0])
                    bounded = lang.word_boundaries and first.text[0].isalnum()
                    tokens = _tokens(variant, lang.word_boundaries, lang.fold_diacritics)
                    by_anchor = lists.setdefault(script, {}).setdefault(parsed.anchored, {})
                    by_anchor.setdefault(bounded, []).append((tokens, (category, lang.language)))
    empty: dict[bool, list[tuple[list[str], _Label]]] = {}
    return {
        script: _Matcher(_build_pattern(by_anchor.get(False, empty)), _build_pattern(by_anchor.get(True, empty)))
        for script, by_anchor in sorted(lists.items())
    }


# ==================================================================================================
# The judge


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    languages: tuple[str, ...]


_Found = dict[str, list[_Hit]]  # category -> hits in order
_SLACK = 80  # how far past the end of a range a phrase that starts inside it is looked for


class _Compiled:
    """Every category compiled over a set of languages (shared by judges with the same phrases)."""

    def __init__(self, phrases: Mapping[str, LanguagePhrases]) -> None:
        langs = [phrases[k] for k in sorted(phrases)]
        # A regex scan reports one phrase per position, so categories whose matches must be seen even
        # where they overlap another category's (a cancelling apology, an answer inside a pivot) are
        # scanned on their own; the refusal signals and pivots share one scan. Pivots past the window
        # have their own pattern.
        self.signals = _compile_matchers(langs, ("refusal", "moralising", "disclaimer", "partial"))
        # Premise rejections overlap lectures ("it is not fair to say"): they get scans of their own.
        self.premise = _compile_matchers(langs, ("premise",))
        self.principle = _compile_matchers(langs, ("principle",))
        self.unanswerable = _compile_matchers(langs, ("unanswerable",))
        self.not_refusal = _compile_matchers(langs, ("not_refusal",))
        self.compliance = _compile_matchers(langs, ("compliance",))
        self.partial = _compile_matchers(langs, ("partial",))


_CACHE: dict[str, _Compiled] = {}
_CACHE_LOCK = threading.Lock()


def _scan(text: _Text, matchers: Mapping[str, _Matcher], lo: int, hi: int) -> _Found:
    """Matches starting in [lo, hi), per category, in order, without overlaps inside a category."""
    spans: list[tuple[int, int, frozenset[_Label]]] = []
    subject = text.norm
    for script, matcher in matchers.items():
        if script not in text.scripts and script != "other":
            continue
        free, anchored = matcher.free, matcher.anchored
        if free is not None:
            # A phrase that starts before hi may end after it: search a little further, and re-match
            # the rare phrase that even that cuts short.
            stop = min(len(subject), hi + _SLACK)
            for m in free.regex.finditer(subject, lo, stop):
                if m.start() >= hi:
                    break
                if m.end() == stop < len(subject):
                    m = free.regex.match(subject, m.start()) or m
                spans.append((m.start(), m.end(), free.labels(m)))
        if anchored is not None:
            for start in text.starts:
                if lo <= start < hi and (at := anchored.regex.match(subject, start)) is not None:
                    spans.append((start, at.end(), anchored.labels(at)))
    spans.sort(key=lambda span: (span[0], -span[1]))
    found: _Found = {}
    last_end: dict[str, int] = {}
    for s, e, labels in spans:
        by_category: dict[str, list[str]] = {}
        for category, language in labels:
            by_category.setdefault(category, []).append(language)
        for category, languages in by_category.items():
            if s >= last_end.get(category, -1):
                found.setdefault(category, []).append(_Hit(s, e, tuple(sorted(languages))))
                last_end[category] = e
    return found
