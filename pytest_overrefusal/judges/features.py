"""Hashed character and word n-gram features of a response, shared by training and inference.

Nothing of the training sentences is stored: each n-gram is hashed into one of ``DIM`` buckets and
only the buckets' weights ship (no vocabulary), so a model file cannot be read back into text.

The hash is computed with numpy over the response's code points (a polynomial rolling hash with a
64-bit finaliser), so the same text gives the same buckets on every machine and Python version,
unlike ``hash()``, which is salted per process. Features:

* character 2- to 4-grams of the lower-cased, whitespace-collapsed opening (``HEAD`` characters),
  which carry refusals in any script, including languages without spaces;
* the same n-grams again, in their own buckets, when they start within the first ``OPENING``
  characters: a refusal opens an answer, a quoted refusal sits in its middle;
* word unigrams and bigrams of the opening.

Each response is a binary vector scaled to unit length, so long answers do not score by length.
"""

from __future__ import annotations

import re
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["DIM", "FEATURE_VERSION", "HEAD", "OPENING", "featurize", "normalise"]

FEATURE_VERSION = 1
DIM = 1 << 18
HEAD = 700
OPENING = 40
_WORD_HEAD = 1500
_CHAR_NS = (2, 3, 4)
_MULT = 0x100000001B3  # FNV-1a 64-bit prime: spreads code points across the 64-bit state
_SEEDS = {2: 0x9E3779B97F4A7C15, 3: 0xC2B2AE3D27D4EB4F, 4: 0x165667B19E3779F9}
_OPEN_SALT = 0x27D4EB2F165667C5
_WORD_SALT = 0x94D049BB133111EB
_BIGRAM_SALT = 0xBF58476D1CE4E5B9
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


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


def featurize(text: str) -> npt.NDArray[np.int64]:
    """The sorted, distinct feature buckets of one response (empty for an empty response)."""
    import numpy as np

    flat = normalise(text)
    parts: list[npt.NDArray[np.uint64]] = []
    head = flat[:HEAD]
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
    words = _WORD.findall(flat[:_WORD_HEAD])
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
