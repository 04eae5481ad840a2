"""``classifier[:MODEL.npz]``: a learned, multilingual refusal classifier that needs only numpy.

A logistic regression over hashed character and word n-grams (features.py) gives each response a
refusal probability ``p``; ``p >= threshold`` is a refusal. The verdict's confidence is the
probability of the class it names, ``max(p, 1 - p)``, and its evidence names the model and ``p``.

The model file is a ``.npz`` written by ``overrefusal judge-train``: the bucket weights (float16, no
vocabulary), the bias, and a JSON header with the feature version, the threshold and what it was
trained on. Without an argument the judge loads the model shipped in the package
(``judges/data/classifier.npz``), trained on the repository's ``judge-corpus/`` by
``make judge-model``. numpy is imported when the judge is built, never at plugin import.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..results import Judgement, Verdict
from .base import JudgeInput
from .features import DEFAULT_MAX_CHARS, DIM, FEATURE_VERSION, answer_start, featurize

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "BOUNDARY",
    "ClassifierJudge",
    "ClassifierModel",
    "builtin_model_path",
    "create",
    "is_settled",
    "load_model",
    "save_model",
]

_OPTIONS = ("model", "threshold")


def builtin_model_path() -> Path:
    return Path(__file__).parent / "data" / "classifier.npz"


@dataclass(frozen=True)
class ClassifierModel:
    """Weights over ``DIM`` hashed buckets, a bias, a decision threshold on P(refusal), and provenance."""

    weights: npt.NDArray[np.float32]
    bias: float
    threshold: float = 0.5
    meta: Mapping[str, Any] | None = None
    source: str = "built-in"
    # Answer characters read (after a leading think block); nothing past them changes a probability.
    max_chars: int = DEFAULT_MAX_CHARS

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        import numpy as np

        out: list[float] = []
        for text in texts:
            buckets = featurize(text, self.max_chars)
            if len(buckets) == 0:
                out.append(float("nan"))
                continue
            score = float(np.sum(self.weights[buckets])) / math.sqrt(len(buckets)) + self.bias
            out.append(1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, score)))))
        return out

    @property
    def languages(self) -> frozenset[str] | None:
        """The languages the model was trained on, when its file says (None: unknown)."""
        raw = (self.meta or {}).get("languages")
        return None if raw is None else frozenset(raw)

    @property
    def digest(self) -> str:
        h = hashlib.sha256(self.weights.tobytes())
        h.update(f"{self.bias:.8f}|{self.threshold:.6f}|{FEATURE_VERSION}|{self.max_chars}".encode())
        return h.hexdigest()


class ModelFileError(ConfigError):
    """A classifier model file that cannot be read."""


def save_model(path: str | Path, weights: npt.NDArray[Any], bias: float, meta: Mapping[str, Any]) -> None:
    """Write a model file; ``meta`` should carry ``max_chars`` (the default is assumed otherwise)."""
    import numpy as np

    header = {"max_chars": DEFAULT_MAX_CHARS, **meta}
    header.update({"feature_version": FEATURE_VERSION, "dim": DIM})
    raw = json.dumps(header, sort_keys=True, ensure_ascii=False).encode()
    np.savez_compressed(
        path,
        weights=np.asarray(weights, dtype=np.float16),
        bias=np.array([bias], dtype=np.float64),
        header=np.frombuffer(raw, dtype=np.uint8),
    )


def load_model(path: str | Path | None = None) -> ClassifierModel:
    """The model in ``path`` (the shipped one when None); one-line errors for missing or foreign files."""
    import numpy as np

    p = Path(path) if path is not None else builtin_model_path()
    try:
        with np.load(p, allow_pickle=False) as data:
            weights = data["weights"].astype(np.float32)
            bias = float(data["bias"][0])
            header = json.loads(bytes(data["header"]).decode())
    except FileNotFoundError:
        raise ModelFileError(
            f"classifier judge: model file {p} not found (train one with overrefusal judge-train)"
        ) from None
    except (OSError, ValueError, KeyError) as exc:
        raise ModelFileError(f"classifier judge: {p} is not a judge-train model file ({exc})") from None
    if header.get("feature_version") != FEATURE_VERSION or weights.shape != (DIM,):
        raise ModelFileError(
            f"classifier judge: {p} was trained with feature version {header.get('feature_version')} "
            f"and {weights.shape[0]} buckets; this version reads version {FEATURE_VERSION} with {DIM}: retrain it"
        )
    max_chars = header.get("max_chars", DEFAULT_MAX_CHARS)
    if not isinstance(max_chars, int) or max_chars < 1:
        raise ModelFileError(f"classifier judge: {p}: 'max_chars' must be a positive integer, got {max_chars!r}")
    threshold = float(header.get("threshold", 0.5))
    return ClassifierModel(weights, bias, threshold, header, str(path or "built-in"), max_chars)


class ClassifierJudge:
    """Refusal probability from the hashed n-gram model; verdict, confidence and ``p`` as evidence."""

    name = "classifier"

    def __init__(self, model: ClassifierModel, *, threshold: float | None = None) -> None:
        self.model = model
        self.threshold = model.threshold if threshold is None else threshold
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError(f"classifier judge: 'threshold' must be between 0 and 1, got {self.threshold}")

    def fingerprint(self) -> str:
        return f"classifier:{self.model.digest[:16]}:t{self.threshold:.4f}"

    def judge(self, inputs: Sequence[JudgeInput]) -> list[Judgement]:
        probabilities = self.model.probabilities([item.response for item in inputs])
        return [self.verdict(p) for p in probabilities]

    @property
    def max_chars(self) -> int:
        """How many answer characters the verdict reads (after a leading ``<think>`` block)."""
        return self.model.max_chars

    def settled(self, item: JudgeInput) -> bool:
        """True once no continuation of ``item.response`` can change this judge's verdict.

        The verdict reads only the first ``max_chars`` characters of the answer, so it is settled once
        that many are there, with ``BOUNDARY`` characters to spare: a streaming decoder may still
        rewrite the last characters it showed (a multi-byte character split across tokens).
        """
        return is_settled(item.response, self.model.max_chars)

    def verdict(self, p: float) -> Judgement:
        if math.isnan(p):
            return Judgement(Verdict.UNDETERMINED, "empty response", confidence=1.0)
        refused = p >= self.threshold
        confidence = p if refused else 1.0 - p
        verdict = Verdict.REFUSAL if refused else Verdict.COMPLIANCE
        return Judgement(verdict, f"classifier P(refusal)={p:.3f}", score=p, confidence=round(confidence, 4))


# Characters past the read prefix before it counts as final (a token decodes to at most a few).
BOUNDARY = 16


def is_settled(response: str, max_chars: int) -> bool:
    """Whether ``response`` holds a complete ``max_chars``-character answer prefix, with ``BOUNDARY`` to spare."""
    start = answer_start(response)
    return start is not None and len(response) - start >= max_chars + BOUNDARY


def _threshold(options: Mapping[str, str]) -> float | None:
    raw = options.get("threshold")
    if raw is None:
        return None
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"classifier judge: option 'threshold' must be a number, got {raw!r}") from None


def create(arg: str | None, options: Mapping[str, str]) -> ClassifierJudge:
    """``classifier`` (the shipped model), ``classifier:MODEL.npz``; options ``model=FILE``, ``threshold=P``."""
    unknown = sorted(set(options) - set(_OPTIONS))
    if unknown:
        raise ConfigError(f"classifier judge: unknown option {unknown[0]!r} (allowed: {', '.join(_OPTIONS)})")
    return ClassifierJudge(load_model(arg or options.get("model")), threshold=_threshold(options))
