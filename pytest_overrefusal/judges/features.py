"""Hashed character and word n-gram features of a response, shared by training and inference.

Nothing of the training sentences is stored: each n-gram is hashed into one of ``DIM`` buckets and
only the buckets' weights ship (no vocabulary), so a model file cannot be read back into text.

The hash is computed with numpy over the response's code points (a polynomial rolling hash with a
64-bit finaliser), so the same text gives the same buckets on every machine and Python version,
unlike ``hash()``, which is salted per process. Features:

* character 2- to 4-grams of the lower-cased, whitespace-collapsed opening, which carry refusals in
  any script, including languages without spaces;
* the same n-grams again, in their own buckets, when they start within the first ``OPENING``
  characters: a refusal opens an answer, a quoted refusal sits in its middle;
* word unigrams and bigrams of the opening.

The opening is the first ``max_chars`` characters of the answer (after a leading ``<think>...</think>``
block, which deliberates rather than answers), cut before any normalisation: the features, and so the
verdict, never depend on text past it. That bound is what lets a generation stop early once the
judge has read all it will read (``answer_start``, ``ClassifierJudge.settled``).

Each response is a binary vector scaled to unit length, so long answers do not score by length.
"""

from __future__ import annotations

import re
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "DEFAULT_MAX_CHARS",
    "DIM",
    "FEATURE_VERSION",
    "OPENING",
    "answer_start",
    "distinct_share",
    "featurize",
    "normalise",
]

FEATURE_VERSION = 2
DIM = 1 << 18
# How much of an answer is read, unless the model file says otherwise (chosen by held-out
# measurement, docs/judges.md).
DEFAULT_MAX_CHARS = 600
OPENING = 40
_CHAR_NS = (2, 3, 4)
_MULT = 0x100000001B3  # FNV-1a 64-bit prime: spreads code points across the 64-bit state
_SEEDS = {2: 0x9E3779B97F4A7C15, 3: 0xC2B2AE3D27D4EB4F, 4: 0x165667B19E3779F9}
_OPEN_SALT = 0x27D4EB2F165667C5
_WORD_SALT = 0x94D049BB133111EB
_BIGRAM_SALT = 0xBF58476D1CE4E5B9
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_THINK = re.compile(r"\s*<think>.*?</think>", re.DOTALL)


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.lower()).strip()


def _mix(h: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64's finaliser: every input bit reaches every output bit before the modulo."""
    import numpy as np

    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    out: npt.NDArray[np.uint64] = h ^ (h >> np.uint64(31))
    return out


def answer_start(text: str) -> int | None:
    """Where the answer starts: after a leading, closed ``<think>`` block; None while one is still open.

    None also for a text that could still become the opening of a ``<think>`` block ("<thi").
    """
    match = _THINK.match(text)
    if match is not None:
        return match.end()
    opening = text.lstrip()
    if opening.startswith("<think>") or (opening and "<think>".startswith(opening)):
        return None
    return 0


def read_prefix(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """What the classifier reads of ``text``: its first ``max_chars`` answer characters (after a leading
    closed ``<think>`` block; from the start while one is still open), normalised. The guards of
    ``combined`` read the same text."""
    start = answer_start(text) or 0
    return normalise(text[start : start + max_chars])


def featurize(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> npt.NDArray[np.int64]:
    """The sorted, distinct feature buckets of one response (empty for an empty response).

    Only ``text``'s first ``max_chars`` answer characters are read (after a leading think block).
    """
    import numpy as np

    # A think block never closed (a reasoning model cut off by its token budget) is all there is to
    # read, as the keyword judge reads it; ``settled`` stays False for it, since a close may follow.
    flat = read_prefix(text, max_chars)
    parts: list[npt.NDArray[np.uint64]] = []
    head = flat
    if head:
        # "\x02" marks the start, so an n-gram that opens the response differs from one inside it.
        codes = np.frombuffer(("\x02" + head).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        for n in _CHAR_NS:
            if len(codes) < n:
                continue
            count = len(codes) - n + 1
            h = np.full(count, _SEEDS[n], dtype=np.uint64)
            for k in range(n):
                h = (h * np.uint64(_MULT)) ^ codes[k : k + count]
            parts.append(h)
            opening = min(count, OPENING)
            parts.append(h[:opening] ^ np.uint64(_OPEN_SALT))
    words = _WORD.findall(flat)
    if words:
        # crc32 per word is cheap next to the character n-grams (a response has far fewer words).
        w = np.array([zlib.crc32(word.encode()) for word in words], dtype=np.uint64) ^ np.uint64(_WORD_SALT)
        parts.append(w)
        if len(w) > 1:
            parts.append((w[:-1] * np.uint64(_MULT)) ^ w[1:] ^ np.uint64(_BIGRAM_SALT))
    if not parts:
        return np.zeros(0, dtype=np.int64)
    buckets = _mix(np.concatenate(parts)) % np.uint64(DIM)
    return np.unique(buckets.astype(np.int64))


def distinct_share(text: str, max_chars: int = DEFAULT_MAX_CHARS, n: int = 8) -> float:
    """Share of distinct character ``n``-grams in the answer's first ``max_chars`` characters (1.0: no repeats).

    A repetition loop ("eine neue Katze, die eine neue Katze, ...") scores far below fluent text
    (the corpus's fluent answers score above 0.9, its degenerate ones 0.5 at the median). Answers
    too short to tell score 1.0.
    """
    flat = read_prefix(text, max_chars)
    count = len(flat) - n + 1
    if count < 20:
        return 1.0
    return len({flat[i : i + n] for i in range(count)}) / count


def echo_share(prompt: str, text: str, max_chars: int = DEFAULT_MAX_CHARS, n: int = 8) -> float:
    """Share of the answer's character ``n``-grams (first ``max_chars`` characters) copied from ``prompt``.

    A very small model often answers by echoing the prompt back; an echo of an unsafe-sounding
    request reads to the classifier like a decline that restates it. The corpus's fluent answers
    stay below 0.45 (restating a few words of the request), an echo is near 1.0. Answers too short
    to tell score 0.0.
    """
    flat = read_prefix(text, max_chars)
    count = len(flat) - n + 1
    if count < 20:
        return 0.0
    source = normalise(prompt)
    copied = {source[i : i + n] for i in range(len(source) - n + 1)}
    return sum(flat[i : i + n] in copied for i in range(count)) / count
