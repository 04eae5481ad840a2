"""Difference-in-means refusal directions and the layer sweep that picks where to take them.

For every candidate (layer, post-instruction position) the direction is ``mean(unsafe) - mean(safe)``
of the residual stream, in float64 and unnormalised: adding it once moves the average safe prompt onto
the average unsafe one, which gives steering strengths (alpha) a meaning that carries across models.

The sweep fits each candidate on training prompts and scores it on held-out ones: the separation of
the held-out projections onto the unit direction (difference of the class means over their pooled
standard deviation, a d-prime), with the held-out AUROC reported next to it. Contrast twins are held
out together, so a held-out unsafe prompt's safe twin never leaked into the fit.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import ConfigError
from .base import SteeringPrompt

__all__ = ["Candidate", "HeldOutSplit", "RefusalDirection", "auroc", "fit_direction", "held_out_split"]

METHOD = "diff-in-means/v1"


@dataclass(frozen=True)
class Candidate:
    """How well one (layer, position) separates held-out safe and unsafe prompts."""

    layer: int
    position: int
    separation: float
    auroc: float
    norm: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "position": self.position,
            "separation": _finite(self.separation),
            "auroc": _finite(self.auroc),
            "norm": self.norm,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Candidate:
        sep = data["separation"]
        return cls(
            int(data["layer"]),
            int(data["position"]),
            math.inf if sep is None else float(sep),
            float(data["auroc"]) if data["auroc"] is not None else math.nan,
            float(data["norm"]),
        )


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class RefusalDirection:
    """A refusal direction at one layer and position, with the projections that normalise margins.

    ``safe_mean`` and ``unsafe_mean`` are the mean projections of the fitting prompts onto the unit
    direction: a margin is ``(projection - safe_mean) / (unsafe_mean - safe_mean)``.
    """

    vector: NDArray[np.float64]
    layer: int
    position: int
    safe_mean: float
    unsafe_mean: float
    model: str = ""
    data: dict[str, str] = field(default_factory=dict)
    n_safe: int = 0
    n_unsafe: int = 0
    held_out: int = 0
    sweep: tuple[Candidate, ...] = ()
    method: str = METHOD
    safe_score: float | None = None  # mean first-token refusal score of the fitting prompts, unsteered
    unsafe_score: float | None = None

    @property
    def norm(self) -> float:
        return float(np.linalg.norm(self.vector))

    @property
    def unit(self) -> NDArray[np.float64]:
        norm = self.norm
        return self.vector / norm if norm > 0 else self.vector

    def project(self, activations: NDArray[np.float64]) -> NDArray[np.float64]:
        """Projections of ``(..., hidden)`` activations onto the unit direction."""
        out: NDArray[np.float64] = np.asarray(activations, dtype=np.float64) @ self.unit
        return out

    def margin(self, activations: NDArray[np.float64]) -> NDArray[np.float64]:
        """0 at the mean of the safe fitting prompts, 1 at the mean of the unsafe ones."""
        span = self.unsafe_mean - self.safe_mean
        out: NDArray[np.float64] = (self.project(activations) - self.safe_mean) / span
        return out

    def cosine(self, other: NDArray[np.float64] | RefusalDirection) -> float:
        vec = other.vector if isinstance(other, RefusalDirection) else np.asarray(other, dtype=np.float64)
        if vec.shape != self.vector.shape:
            return math.nan
        denom = float(np.linalg.norm(vec)) * self.norm
        return float(vec @ self.vector) / denom if denom > 0 else math.nan

    @property
    def chosen(self) -> Candidate | None:
        for c in self.sweep:
            if c.layer == self.layer and c.position == self.position:
                return c
        return None

    def digest(self) -> str:
        return hashlib.sha256(np.ascontiguousarray(self.vector).tobytes()).hexdigest()

    def metadata(self) -> dict[str, Any]:
        """Everything but the vector, as JSON-compatible data."""
        chosen = self.chosen
        return {
            "method": self.method,
            "model": self.model,
            "layer": self.layer,
            "position": self.position,
            "hidden_size": int(self.vector.shape[0]),
            "norm": self.norm,
            "safe_mean": self.safe_mean,
            "unsafe_mean": self.unsafe_mean,
            "data": dict(self.data),
            "n_safe": self.n_safe,
            "n_unsafe": self.n_unsafe,
            "held_out": self.held_out,
            "separation": None if chosen is None else _finite(chosen.separation),
            "auroc": None if chosen is None else _finite(chosen.auroc),
            "safe_score": self.safe_score,
            "unsafe_score": self.unsafe_score,
            "sweep": [c.to_dict() for c in self.sweep],
            "vector_sha256": self.digest(),
        }

    @classmethod
    def from_metadata(cls, meta: dict[str, Any], vector: NDArray[np.float64]) -> RefusalDirection:
        return cls(
            vector=np.asarray(vector, dtype=np.float64),
            layer=int(meta["layer"]),
            position=int(meta["position"]),
            safe_mean=float(meta["safe_mean"]),
            unsafe_mean=float(meta["unsafe_mean"]),
            model=str(meta.get("model", "")),
            data={str(k): str(v) for k, v in dict(meta.get("data", {})).items()},
            n_safe=int(meta.get("n_safe", 0)),
            n_unsafe=int(meta.get("n_unsafe", 0)),
            held_out=int(meta.get("held_out", 0)),
            sweep=tuple(Candidate.from_dict(c) for c in meta.get("sweep", ())),
            method=str(meta.get("method", METHOD)),
            safe_score=None if meta.get("safe_score") is None else float(meta["safe_score"]),
            unsafe_score=None if meta.get("unsafe_score") is None else float(meta["unsafe_score"]),
        )

    @property
    def calibrated_threshold(self) -> float | None:
        """Midway between the mean refusal scores of the safe and the unsafe fitting prompts."""
        if self.safe_score is None or self.unsafe_score is None:
            return None
        return (self.safe_score + self.unsafe_score) / 2

    def with_identity(self, model: str, data: dict[str, str]) -> RefusalDirection:
        return replace(self, model=model, data=dict(data))

    def with_scores(self, safe_score: float, unsafe_score: float) -> RefusalDirection:
        return replace(self, safe_score=float(safe_score), unsafe_score=float(unsafe_score))


@dataclass(frozen=True)
class HeldOutSplit:
    """Indices into the safe and unsafe prompt lists: which fit the sweep's candidates, which score them."""

    train_safe: tuple[int, ...]
    train_unsafe: tuple[int, ...]
    test_safe: tuple[int, ...]
    test_unsafe: tuple[int, ...]

    @property
    def held_out(self) -> int:
        return min(len(self.test_safe), len(self.test_unsafe))


def _bucket(key: str) -> float:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def held_out_split(
    safe: Sequence[SteeringPrompt],
    unsafe: Sequence[SteeringPrompt],
    *,
    fraction: float = 0.25,
    pairs: Sequence[tuple[int, int]] = (),
) -> HeldOutSplit:
    """A deterministic split by prompt hash, so adding prompts does not reshuffle the existing ones.

    Paired prompts (indices into ``safe`` and ``unsafe``) go to the same side. At least one prompt of
    each class is held out, and at least one of each stays in training; with fewer than two of a class
    nothing is held out and the sweep scores in-sample.
    """
    if len(safe) < 2 or len(unsafe) < 2:
        return HeldOutSplit(tuple(range(len(safe))), tuple(range(len(unsafe))), (), ())
    test_safe: set[int] = set()
    test_unsafe: set[int] = set()
    paired_safe = {s for s, _ in pairs}
    paired_unsafe = {u for _, u in pairs}
    for s, u in pairs:
        if _bucket(safe[s].digest() + unsafe[u].digest()) < fraction:
            test_safe.add(s)
            test_unsafe.add(u)
    for i, p in enumerate(safe):
        if i not in paired_safe and _bucket(p.digest()) < fraction:
            test_safe.add(i)
    for i, p in enumerate(unsafe):
        if i not in paired_unsafe and _bucket(p.digest()) < fraction:
            test_unsafe.add(i)

    def adjust(test: set[int], n: int, items: Sequence[SteeringPrompt]) -> None:
        # Keep both sides non-empty: hold out the lowest-hash prompt, or return the highest one.
        order = sorted(range(n), key=lambda i: _bucket(items[i].digest()))
        if not test:
            test.add(order[0])
        if len(test) == n:
            test.discard(order[-1])

    adjust(test_safe, len(safe), safe)
    adjust(test_unsafe, len(unsafe), unsafe)
    return HeldOutSplit(
        tuple(i for i in range(len(safe)) if i not in test_safe),
        tuple(i for i in range(len(unsafe)) if i not in test_unsafe),
        tuple(sorted(test_safe)),
        tuple(sorted(test_unsafe)),
    )


def auroc(negatives: NDArray[np.float64], positives: NDArray[np.float64]) -> float:
    """Probability that a random positive scores above a random negative (ties count one half)."""
    if len(negatives) == 0 or len(positives) == 0:
        return math.nan
    diff = positives[:, None] - negatives[None, :]
    return float(((diff > 0).sum() + 0.5 * (diff == 0).sum()) / diff.size)


def _separation(neg: NDArray[np.float64], pos: NDArray[np.float64]) -> float:
    gap = float(pos.mean() - neg.mean())
    var = (float(neg.var()) + float(pos.var())) / 2
    if var <= 0:
        return math.copysign(math.inf, gap) if gap != 0 else 0.0
    return gap / math.sqrt(var)


def fit_direction(
    safe: NDArray[np.float64],
    unsafe: NDArray[np.float64],
    layers: Sequence[int],
    positions: Sequence[int],
    split: HeldOutSplit,
    *,
    layer: int | None = None,
    position: int | None = None,
) -> RefusalDirection:
    """Sweep every (layer, position) of the activations and fit the best on all prompts.

    ``safe`` and ``unsafe`` have shape ``(n, len(layers), len(positions), hidden)``; ``layer`` and
    ``position`` restrict the sweep to that layer or position (both given: no choice is left).
    """
    safe = np.asarray(safe, dtype=np.float64)
    unsafe = np.asarray(unsafe, dtype=np.float64)
    if safe.ndim != 4 or unsafe.ndim != 4 or safe.shape[1:] != unsafe.shape[1:]:
        raise ConfigError(f"steering: activation shapes {safe.shape} and {unsafe.shape} do not match")
    if len(safe) == 0 or len(unsafe) == 0:
        raise ConfigError("steering: a refusal direction needs at least one safe and one unsafe prompt")
    if layer is not None and layer not in layers:
        raise ConfigError(f"steering: layer {layer} was not captured (captured: {list(layers)})")
    if position is not None and position not in positions:
        raise ConfigError(f"steering: position {position} was not captured (captured: {list(positions)})")
    in_sample = split.held_out == 0
    tr_s = list(range(len(safe))) if in_sample else list(split.train_safe)
    tr_u = list(range(len(unsafe))) if in_sample else list(split.train_unsafe)
    te_s = tr_s if in_sample else list(split.test_safe)
    te_u = tr_u if in_sample else list(split.test_unsafe)
    candidates: list[Candidate] = []
    for j, lay in enumerate(layers):
        if layer is not None and lay != layer:
            continue
        for k, pos in enumerate(positions):
            if position is not None and pos != position:
                continue
            vec = unsafe[tr_u, j, k].mean(axis=0) - safe[tr_s, j, k].mean(axis=0)
            norm = float(np.linalg.norm(vec))
            if norm == 0:
                candidates.append(Candidate(lay, pos, 0.0, 0.5, 0.0))
                continue
            unit = vec / norm
            neg = safe[te_s, j, k] @ unit
            pos_proj = unsafe[te_u, j, k] @ unit
            candidates.append(Candidate(lay, pos, _separation(neg, pos_proj), auroc(neg, pos_proj), norm))
    if not candidates:
        raise ConfigError("steering: no candidate layer/position to sweep")
    # Highest held-out separation; AUROC breaks ties (both infinite on perfectly separated tiny sets),
    # then the earlier layer and the later position (closer to the first response token).
    best = max(candidates, key=lambda c: (c.separation, c.auroc, -c.layer, c.position))
    if best.norm == 0:
        raise ConfigError(
            "steering: safe and unsafe prompts have identical activations at every candidate layer; "
            "a refusal direction needs prompts that differ"
        )
    j, k = list(layers).index(best.layer), list(positions).index(best.position)
    vector = unsafe[:, j, k].mean(axis=0) - safe[:, j, k].mean(axis=0)
    unit = vector / np.linalg.norm(vector)
    safe_mean = float((safe[:, j, k] @ unit).mean())
    unsafe_mean = float((unsafe[:, j, k] @ unit).mean())
    return RefusalDirection(
        vector=vector,
        layer=best.layer,
        position=best.position,
        safe_mean=safe_mean,
        unsafe_mean=unsafe_mean,
        n_safe=len(safe),
        n_unsafe=len(unsafe),
        held_out=0 if in_sample else split.held_out,
        sweep=tuple(candidates),
    )
