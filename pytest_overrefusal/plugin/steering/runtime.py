"""Per-process state of the steering plugin: settings, the lazy steering model, collected cases, boundary results.

``Runtime`` lives under ``RUNTIME_KEY`` in the config's stash, on the controller and on every xdist worker.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ...errors import OverrefusalError
from ...suite import Case

if TYPE_CHECKING:
    from ...steering.baseline import BoundaryBaseline, Tolerances
    from ...steering.direction import RefusalDirection
    from ...steering.session import SteeringConfig, SteeringSession
    from .items import BoundaryItem

__all__ = ["RUNTIME_KEY", "BoundaryDriftWarning", "BoundarySettings", "Runtime", "guard", "runtime_of"]


class BoundaryDriftWarning(UserWarning):
    """The refusal direction moved away from the boundary baseline's: margins may not be comparable."""


@dataclass
class BoundarySettings:
    enabled: bool = False
    baseline: Path | None = None
    update: bool = False
    tolerances: Tolerances | None = None


@dataclass
class Runtime:
    """Per-process steering state: settings, the (lazy) session, collected cases and boundary results."""

    config: pytest.Config
    steering: SteeringConfig
    boundary: BoundarySettings
    data_paths: tuple[Path, ...] = ()
    cases: list[Case] = field(default_factory=list)
    boundary_items: list[BoundaryItem] = field(default_factory=list)
    baseline: BoundaryBaseline | None = None
    _session: SteeringSession | None = None
    _records: dict[str, dict[str, Any]] | None = None
    _error: str | None = None
    direction: RefusalDirection | None = None
    drift: dict[str, Any] | None = None
    # Controller side: what came back on reports (any xdist worker).
    reported: dict[str, dict[str, Any]] = field(default_factory=dict)
    reported_direction: dict[str, Any] | None = None
    reported_drift: dict[str, Any] | None = None
    written: Path | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def session(self) -> SteeringSession:
        if self._session is None:
            from ...steering.session import SteeringSession

            self._session = SteeringSession(self.steering)
        return self._session

    def default_direction(self) -> RefusalDirection:
        from ...steering.probes import DirectionFactory

        factory = DirectionFactory(self.session)
        if self.data_paths:
            return factory.from_suites(list(self.data_paths))
        if not self.cases:
            raise OverrefusalError(
                "steering: no prompts to fit a refusal direction: collect suites with contrast pairs, pass "
                "--overrefusal-steering-data=SUITE.yaml, or use the refusal_direction_factory fixture"
            )
        return factory.from_cases(self.cases)

    def boundary_direction(self) -> RefusalDirection:
        """The default direction, read at the baseline's layer and position when a baseline pins them."""
        from ...steering.probes import DirectionFactory

        layer = self.steering.layer
        position = self.steering.position
        if self.baseline is not None and not self.boundary.update:
            layer = self.baseline.layer if layer is None else layer
            position = self.baseline.position if position is None else position
        factory = DirectionFactory(self.session)
        if self.data_paths:
            return factory.from_suites(list(self.data_paths), layer=layer, position=position)
        return factory.from_cases(self.cases, layer=layer, position=position)

    def records(self) -> dict[str, dict[str, Any]]:
        """Margins and distances of every selected boundary prompt, computed together on first use."""
        if self._error is not None:
            raise OverrefusalError(self._error)
        if self._records is not None:
            return self._records
        try:
            self._records = self._compute()
        except OverrefusalError as exc:
            self._error = str(exc)
            raise
        return self._records

    def _compute(self) -> dict[str, dict[str, Any]]:
        from ...steering.base import as_prompt
        from ...steering.baseline import direction_drift

        direction = self.boundary_direction()
        self.direction = direction
        cases = [item.case for item in self.boundary_items]
        prompts = [as_prompt(c) for c in cases]
        margins = self.session.margins(direction, prompts)
        # Distances are compared at the baseline's threshold: a calibrated threshold would move with
        # the model and hide a shift of every prompt toward refusal.
        threshold = None
        if self.baseline is not None and not self.boundary.update and self.steering.threshold is None:
            pinned = self.baseline.search.get("threshold")
            threshold = float(pinned) if isinstance(pinned, (int, float)) else None
        distances = self.session.boundaries(direction, prompts, threshold=threshold)
        out: dict[str, dict[str, Any]] = {}
        for case, margin, dist in zip(cases, margins, distances, strict=True):
            out[f"{case.suite}::{case.id}"] = {
                "suite": case.suite,
                "id": case.id,
                "label": case.label,
                "language": case.language,
                "category": case.category,
                "file": case.file,
                "line": case.line,
                "margin": margin.margin,
                "projection": margin.projection,
                "score": dist.score,
                "refused": dist.refused,
                "alpha": dist.alpha,
                "distance": dist.distance,
                "bracket": None if dist.bracket is None else list(dist.bracket),
                "evaluations": dist.evaluations,
                "max_alpha": dist.max_alpha,
                "threshold": dist.threshold,
            }
        if self.baseline is not None and not self.boundary.update:
            assert self.boundary.tolerances is not None
            drift = direction_drift(
                [float(x) for x in direction.vector],
                direction.layer,
                direction.position,
                self.baseline,
                self.boundary.tolerances.drift_cosine,
            )
            self.drift = drift.to_dict()
            if drift.drifted:
                warnings.warn(BoundaryDriftWarning(drift.message()), stacklevel=1)
        return out

    def direction_payload(self, *, vector: bool) -> dict[str, Any]:
        assert self.direction is not None
        meta = self.direction.metadata()
        meta["model_spec"] = self.steering.model
        if vector:
            meta["vector"] = [float(x) for x in self.direction.vector]
        return meta

    def close(self) -> None:
        if self._session is not None:
            self._session.close()


RUNTIME_KEY = pytest.StashKey[Runtime]()


def runtime_of(config: pytest.Config) -> Runtime:
    runtime: Runtime = config.stash[RUNTIME_KEY]
    return runtime


def guard(call: Any) -> Any:
    """``call()``, with an OverrefusalError turned into one failure line (no traceback)."""
    try:
        return call()
    except OverrefusalError as exc:
        message = str(exc)
    # Outside the except block, so the report shows the one line and no chained exception.
    pytest.fail(message, pytrace=False)
