"""First-token refusal scores and boundary distances: how much steering flips a prompt, without generating.

The refusal score of a prompt is ``log(P + eps) - log(1 - P + eps)`` where ``P`` is the probability
mass the model puts, for the first response token, on the first tokens of refusal openers ("I",
"Sorry", "Je", "抱歉"...). It costs one forward pass, and it is continuous, so it can be searched.

A prompt's boundary distance is the smallest ``|alpha|`` such that adding ``alpha`` times the refusal
direction at the direction's layer moves the score across a threshold: 0 (``P = 0.5``) for models that
refuse in earnest, or, by default, the model's own midpoint, halfway between the mean scores of the
safe and the unsafe prompts the direction was fitted on (small models rarely put half their mass on
refusal openers, yet still lean toward them on unsafe prompts). A prompt the
model answers is pushed toward refusal (``alpha > 0``); a prompt it refuses is pushed away (``alpha <
0``), so the signed alpha says on which side a prompt sits and how far from the edge. The search
doubles ``|alpha|`` until the score crosses (bracketing), then bisects the bracket; all prompts still
being searched share one forward pass per step. It assumes the score moves monotonically along the
direction between 0 and the bracket, which is what adding a refusal direction does in practice; a
score that never crosses within ``max_alpha`` is reported as such, never as a distance.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import ConfigError
from ..languages import primary_language
from .base import SteerableModel, Steering, SteeringPrompt

__all__ = [
    "BoundaryDistance",
    "BoundarySearch",
    "RefusalScorer",
    "default_openers",
    "find_boundaries",
    "refusal_score",
]

EPS = 1e-9

ScoreFn = Callable[[Sequence[int], NDArray[np.float64]], NDArray[np.float64]]


@functools.lru_cache(maxsize=1)
def default_openers() -> dict[str, tuple[str, ...]]:
    import yaml

    text = resources.files("pytest_overrefusal.steering").joinpath("data/refusal_openers.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {str(lang): tuple(str(w) for w in words) for lang, words in data.items()}


def refusal_score(log_mass: NDArray[np.float64]) -> NDArray[np.float64]:
    """``log(P + eps) - log(1 - P + eps)`` from ``log P``, elementwise."""
    p = np.exp(np.minimum(log_mass, 0.0))
    out: NDArray[np.float64] = np.log(p + EPS) - np.log(1.0 - p + EPS)
    return out


class RefusalScorer:
    """First-token refusal scores of a model, with refusal-opener tokens chosen per prompt language."""

    def __init__(
        self, model: SteerableModel, openers: Sequence[str] | Mapping[str, Sequence[str]] | None = None
    ) -> None:
        self.model = model
        if openers is None:
            self._by_language: dict[str, tuple[str, ...]] | None = default_openers()
            self._fixed: tuple[int, ...] | None = None
        elif isinstance(openers, Mapping):
            self._by_language = {k: tuple(v) for k, v in openers.items()}
            self._fixed = None
        else:
            self._by_language = None
            self._fixed = self._ids(openers)
            if not self._fixed:
                raise ConfigError("steering: no refusal opener produced a token")
        self._cache: dict[str, tuple[int, ...]] = {}

    def _ids(self, words: Sequence[str]) -> tuple[int, ...]:
        ids: dict[int, None] = {}
        for word in words:
            for variant in (word, " " + word):
                tokens = self.model.token_ids(variant)
                if tokens:
                    ids[tokens[0]] = None
        return tuple(ids)

    def token_ids(self, language: str | None) -> tuple[int, ...]:
        if self._fixed is not None:
            return self._fixed
        assert self._by_language is not None
        lang = primary_language(language) if language else "en"
        hit = self._cache.get(lang)
        if hit is None:
            words = list(self._by_language.get("en", ()))
            if lang != "en":
                words = list(self._by_language.get(lang, ())) + words
            hit = self._ids(words)
            if not hit:
                raise ConfigError(f"steering: no refusal opener for language {lang!r} produced a token")
            self._cache[lang] = hit
        return hit

    def describe(self) -> dict[str, Any]:
        if self._fixed is not None:
            return {"token_ids": list(self._fixed)}
        return {"openers": {k: list(v) for k, v in (self._by_language or {}).items()}}

    def scores(
        self,
        prompts: Sequence[SteeringPrompt],
        steering: Steering | None = None,
        alphas: Sequence[float] | NDArray[np.float64] | None = None,
    ) -> NDArray[np.float64]:
        if not prompts:
            return np.zeros(0)
        logp = self.model.next_token_logprobs(prompts, steering, None if alphas is None else list(map(float, alphas)))
        return self.scores_from_logprobs(prompts, logp)

    def scores_from_logprobs(self, prompts: Sequence[SteeringPrompt], logp: NDArray[np.float64]) -> NDArray[np.float64]:
        mass = np.empty(len(prompts))
        for i, prompt in enumerate(prompts):
            ids = list(self.token_ids(prompt.language))
            row = logp[i, ids]
            top = float(row.max())
            mass[i] = top + math.log(float(np.exp(row - top).sum()))
        return refusal_score(mass)


@dataclass(frozen=True)
class BoundaryDistance:
    """Where one prompt's first-token refusal score flips along the refusal direction."""

    prompt: str
    score: float
    refused: bool
    alpha: float | None
    bracket: tuple[float, float] | None
    evaluations: int
    max_alpha: float
    label: str | None = None
    threshold: float = 0.0

    @property
    def distance(self) -> float | None:
        """``|alpha|``; None when the score did not flip within ``max_alpha``."""
        return None if self.alpha is None else abs(self.alpha)

    def to_dict(self) -> dict[str, Any]:
        return {
            "prompt": self.prompt,
            "label": self.label,
            "score": self.score,
            "refused": self.refused,
            "alpha": self.alpha,
            "distance": self.distance,
            "bracket": None if self.bracket is None else list(self.bracket),
            "evaluations": self.evaluations,
            "max_alpha": self.max_alpha,
            "threshold": self.threshold,
        }


@dataclass(frozen=True)
class BoundarySearch:
    """Search settings: alphas are in units of the (unnormalised) difference-in-means vector."""

    threshold: float = 0.0
    initial: float = 0.25
    max_alpha: float = 16.0
    tolerance: float = 0.01

    def __post_init__(self) -> None:
        if not 0 < self.initial <= self.max_alpha:
            raise ConfigError("steering: boundary search needs 0 < initial alpha <= max alpha")
        if self.tolerance <= 0:
            raise ConfigError("steering: boundary search tolerance must be positive")


def find_boundaries(
    score: ScoreFn, names: Sequence[str], search: BoundarySearch = BoundarySearch(), labels: Sequence[str | None] = ()
) -> list[BoundaryDistance]:
    """Bracket and bisect every prompt's flip point; ``score(indices, alphas)`` scores those prompts."""
    n = len(names)
    if n == 0:
        return []
    tau = search.threshold
    s0 = np.asarray(score(list(range(n)), np.zeros(n)), dtype=np.float64)
    # +1: answered, push toward refusal; -1: refused, push away from it.
    sign = np.where(s0 > tau, -1.0, 1.0)
    evaluations = np.ones(n, dtype=int)
    lo = np.zeros(n)
    hi = np.full(n, np.nan)
    on_edge = s0 == tau
    hi[on_edge] = 0.0

    def crossed(idx: NDArray[np.int64], values: NDArray[np.float64]) -> NDArray[np.bool_]:
        out: NDArray[np.bool_] = np.where(sign[idx] > 0, values >= tau, values <= tau)
        return out

    step = np.full(n, search.initial)
    active = np.flatnonzero(~on_edge)
    while active.size:
        trial = step[active]
        values = np.asarray(score(active.tolist(), sign[active] * trial), dtype=np.float64)
        evaluations[active] += 1
        done = crossed(active, values)
        hi[active[done]] = trial[done]
        not_done = active[~done]
        lo[not_done] = step[not_done]
        exhausted = step[not_done] >= search.max_alpha
        step[not_done] = np.minimum(step[not_done] * 2, search.max_alpha)
        active = not_done[~exhausted]

    active = np.flatnonzero(~np.isnan(hi) & (hi - lo > search.tolerance))
    while active.size:
        mid = (lo[active] + hi[active]) / 2
        values = np.asarray(score(active.tolist(), sign[active] * mid), dtype=np.float64)
        evaluations[active] += 1
        done = crossed(active, values)
        hi[active[done]] = mid[done]
        lo[active[~done]] = mid[~done]
        active = active[hi[active] - lo[active] > search.tolerance]

    out: list[BoundaryDistance] = []
    for i in range(n):
        found = not math.isnan(hi[i])
        alpha = float(sign[i] * (lo[i] + hi[i]) / 2) if found else None
        bracket = (float(sign[i] * lo[i]), float(sign[i] * hi[i])) if found else None
        out.append(
            BoundaryDistance(
                prompt=names[i],
                score=float(s0[i]),
                refused=bool(s0[i] > tau),
                alpha=alpha,
                bracket=bracket,
                evaluations=int(evaluations[i]),
                max_alpha=search.max_alpha,
                label=labels[i] if i < len(labels) else None,
                threshold=tau,
            )
        )
    return out


def compute_boundaries(
    scorer: RefusalScorer,
    vector: NDArray[np.float64],
    layer: int,
    prompts: Sequence[SteeringPrompt],
    search: BoundarySearch = BoundarySearch(),
) -> list[BoundaryDistance]:
    steering = Steering(np.asarray(vector, dtype=np.float64), layer)

    def score(indices: Sequence[int], alphas: NDArray[np.float64]) -> NDArray[np.float64]:
        return scorer.scores([prompts[i] for i in indices], steering, alphas)

    return find_boundaries(score, [p.name for p in prompts], search, [p.label for p in prompts])
