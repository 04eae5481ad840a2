"""One steering model with its directions, margins and boundary distances, shared by fixtures and commands.

The model is opened on first use. Directions are fitted once per (model, data, layer, position) and
kept in memory and in the on-disk store; margins and distances are computed in batches.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..suite import Case
from .base import SteerableModel, SteeringPrompt, as_prompt, check_layer, data_hash

if TYPE_CHECKING:
    from .boundary import BoundaryDistance, BoundarySearch, RefusalScorer
    from .direction import RefusalDirection
    from .margin import Margin

__all__ = ["FitData", "SteeringConfig", "SteeringSession", "fit_data_from_cases"]


@dataclass(frozen=True)
class SteeringConfig:
    model: str = "hf:embedded"
    model_options: Mapping[str, str] = field(default_factory=dict)
    layer: int | None = None
    position: int | None = None
    cache_dir: Path | None = None
    openers: tuple[str, ...] | None = None  # None: per-language defaults
    threshold: float | None = None  # None: calibrated, midway between the fitting prompts' mean scores
    initial_alpha: float = 0.25
    max_alpha: float = 16.0
    tolerance: float = 0.01
    held_out: float = 0.25
    max_layer_fraction: float = 0.8  # the last ~20% of layers mostly shape the output, not the decision
    max_pairs: int | None = 128


@dataclass(frozen=True)
class FitData:
    """Safe and unsafe prompts for a direction, with the indices of contrast twins."""

    safe: tuple[SteeringPrompt, ...]
    unsafe: tuple[SteeringPrompt, ...]
    pairs: tuple[tuple[int, int], ...] = ()
    source: str = "prompts"

    def hashes(self) -> dict[str, str]:
        return {"safe": data_hash(self.safe), "unsafe": data_hash(self.unsafe)}


def _rank(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def fit_data_from_cases(cases: Iterable[Case], *, max_pairs: int | None = None, source: str = "suites") -> FitData:
    """Contrast twins when there are at least two pairs, otherwise every labelled prompt.

    Twins differ mostly in what makes one harmful, so their difference in means cancels topic and
    wording; unpaired prompts are the fallback. ``max_pairs`` keeps a deterministic (hash-ranked)
    subset, so large suites do not make the first fit slow.
    """
    items = list(cases)
    by_key = {c.key: c for c in items}
    pairs: list[tuple[Case, Case]] = []
    seen: set[tuple[str, str]] = set()
    for case in items:
        if case.label != "safe" or case.contrast is None:
            continue
        twin = by_key.get((case.suite, case.contrast))
        if twin is None or twin.label != "unsafe" or twin.key in seen:
            continue
        seen.add(twin.key)
        pairs.append((case, twin))
    if len(pairs) >= 2:
        pairs.sort(key=lambda p: _rank(f"{p[0].suite}::{p[0].id}"))
        if max_pairs is not None:
            pairs = pairs[:max_pairs]
        safe = tuple(as_prompt(s) for s, _ in pairs)
        unsafe = tuple(as_prompt(u) for _, u in pairs)
        return FitData(safe, unsafe, tuple((i, i) for i in range(len(pairs))), f"{source}: {len(pairs)} contrast pairs")
    safe_cases = sorted((c for c in items if c.label == "safe"), key=lambda c: _rank(f"{c.suite}::{c.id}"))
    unsafe_cases = sorted((c for c in items if c.label == "unsafe"), key=lambda c: _rank(f"{c.suite}::{c.id}"))
    if max_pairs is not None:
        safe_cases, unsafe_cases = safe_cases[:max_pairs], unsafe_cases[:max_pairs]
    return FitData(
        tuple(as_prompt(c) for c in safe_cases),
        tuple(as_prompt(c) for c in unsafe_cases),
        (),
        f"{source}: {len(safe_cases)} safe and {len(unsafe_cases)} unsafe prompts (no contrast pairs)",
    )


class SteeringSession:
    """A steerable model opened on demand, with cached directions."""

    def __init__(self, config: SteeringConfig, model: SteerableModel | None = None) -> None:
        self.config = config
        self._model = model
        self._scorer: RefusalScorer | None = None
        self._directions: dict[str, RefusalDirection] = {}
        self.cache_hits = 0

    @property
    def model(self) -> SteerableModel:
        if self._model is None:
            from .loading import open_model

            self._model = open_model(self.config.model, self.config.model_options, self.config.cache_dir)
        return self._model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def scorer(self) -> RefusalScorer:
        if self._scorer is None:
            from .boundary import RefusalScorer

            self._scorer = RefusalScorer(self.model, self.config.openers)
        return self._scorer

    def threshold(self, direction: RefusalDirection) -> float:
        """The refusal-score threshold a boundary is crossed at, for boundaries along ``direction``."""
        if self.config.threshold is not None:
            return self.config.threshold
        calibrated = direction.calibrated_threshold
        if calibrated is None:
            raise ConfigError("steering: this direction has no calibrated refusal scores; set a threshold")
        return calibrated

    def search(self, direction: RefusalDirection, threshold: float | None = None) -> BoundarySearch:
        from .boundary import BoundarySearch

        c = self.config
        tau = self.threshold(direction) if threshold is None else threshold
        return BoundarySearch(tau, min(c.initial_alpha, c.max_alpha), c.max_alpha, c.tolerance)

    # -- directions -------------------------------------------------------------------------------

    def candidate_layers(self, layer: int | None) -> list[int]:
        model = self.model
        if layer is not None:
            return [check_layer(model, layer)]
        first = max(1, model.min_layer)  # layer 0 is the token embedding: identical at post-instruction tokens
        last = min(model.n_layers - 1, max(first, math.floor(self.config.max_layer_fraction * model.n_layers)))
        return list(range(first, last + 1))

    def candidate_positions(self, prompts: Sequence[SteeringPrompt], position: int | None) -> list[int]:
        if position is not None:
            if position >= 0:
                raise ConfigError(f"steering: position {position} must be negative (-1 is the last prompt token)")
            return [position]
        count = min(self.model.post_instruction_count(p) for p in prompts)
        return list(range(-count, 0))

    def fit(self, data: FitData, *, layer: int | None = None, position: int | None = None) -> RefusalDirection:
        """The refusal direction for ``data`` (from memory, the store, or a fresh sweep)."""
        from .direction import fit_direction, held_out_split
        from .store import DirectionStore, direction_key

        if len(data.safe) < 1 or len(data.unsafe) < 1:
            raise ConfigError(
                f"steering: a refusal direction needs safe and unsafe prompts ({data.source}: "
                f"{len(data.safe)} safe, {len(data.unsafe)} unsafe)"
            )
        layer = self.config.layer if layer is None else layer
        position = self.config.position if position is None else position
        prompts = [*data.safe, *data.unsafe]
        layers = self.candidate_layers(layer)
        positions = self.candidate_positions(prompts, position)
        hashes = data.hashes()
        fingerprint = self.model.fingerprint()
        calibrate = self.config.threshold is None
        scoring = self.scorer.describe() if calibrate else None
        key = direction_key(
            fingerprint, hashes["safe"], hashes["unsafe"], layers, positions, self.config.held_out, scoring
        )
        cached = self._directions.get(key)
        if cached is not None:
            return cached
        store = DirectionStore(self.config.cache_dir) if self.config.cache_dir is not None else None
        direction = store.load(key, fingerprint) if store is not None else None
        if direction is not None:
            self.cache_hits += 1
        else:
            reader = getattr(self.model, "read", None)
            scores = None
            if calibrate and reader is not None:
                acts, logp = reader(prompts, layers, positions)
                scores = self.scorer.scores_from_logprobs(prompts, logp)
            else:
                acts = self.model.activations(prompts, layers, positions)
            split = held_out_split(data.safe, data.unsafe, fraction=self.config.held_out, pairs=data.pairs)
            n = len(data.safe)
            direction = fit_direction(acts[:n], acts[n:], layers, positions, split).with_identity(fingerprint, hashes)
            if calibrate:
                if scores is None:
                    scores = self.scorer.scores(prompts)
                direction = direction.with_scores(float(scores[:n].mean()), float(scores[n:].mean()))
            if store is not None:
                store.save(key, direction)
        self._directions[key] = direction
        return direction

    # -- measurements -----------------------------------------------------------------------------

    def margins(self, direction: RefusalDirection, prompts: Sequence[SteeringPrompt]) -> list[Margin]:
        from .margin import compute_margins

        return compute_margins(self.model, direction, prompts)

    def boundaries(
        self, direction: RefusalDirection, prompts: Sequence[SteeringPrompt], *, threshold: float | None = None
    ) -> list[BoundaryDistance]:
        """Boundary distances along ``direction``; ``threshold`` overrides the configured or calibrated one."""
        from .boundary import compute_boundaries

        search = self.search(direction, threshold)
        return compute_boundaries(self.scorer, direction.vector, direction.layer, prompts, search)

    def scores(
        self, prompts: Sequence[SteeringPrompt], direction: RefusalDirection | None = None, alpha: float = 0.0
    ) -> list[float]:
        from .base import Steering

        steering = None if direction is None else Steering(direction.vector, direction.layer)
        alphas = None if steering is None else [alpha] * len(prompts)
        return [float(s) for s in self.scorer.scores(prompts, steering, alphas)]

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"model": self.config.model}
        if self._model is not None:
            from .base import describe

            out.update(describe(self._model))
        return out

    def close(self) -> None:
        if self._model is not None:
            self._model.close()
            self._model = None
            self._scorer = None
