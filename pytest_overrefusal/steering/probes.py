"""The objects behind the steering fixtures: direction factory, margin and boundary probes, steering.

They are plain classes over a ``SteeringSession`` so they can be used outside pytest too (a notebook, a
script); the pytest plugin only builds them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from ..backends.base import Generation, GenerationRequest
from ..errors import ConfigError
from ..suite import Case, load_suite
from .base import PromptLike, Steering, SteeringPrompt, as_prompts
from .boundary import BoundaryDistance
from .direction import RefusalDirection
from .margin import Margin
from .session import FitData, SteeringSession, fit_data_from_cases

__all__ = ["BoundaryProbe", "DirectionFactory", "MarginProbe", "SteeredModel", "Steerer"]

Single = str | Case | SteeringPrompt | GenerationRequest


def _single(value: object) -> bool:
    return isinstance(value, (str, Case, SteeringPrompt, GenerationRequest))


class DirectionFactory:
    """``factory(safe, unsafe)`` fits (or loads from the cache) a refusal direction for these prompts."""

    def __init__(self, session: SteeringSession) -> None:
        self.session = session

    def __call__(
        self,
        safe: Sequence[PromptLike],
        unsafe: Sequence[PromptLike],
        *,
        paired: bool = False,
        layer: int | None = None,
        position: int | None = None,
    ) -> RefusalDirection:
        """``paired=True``: ``safe[i]`` and ``unsafe[i]`` are twins and are held out together in the sweep."""
        s = tuple(as_prompts(list(safe)))
        u = tuple(as_prompts(list(unsafe)))
        if paired and len(s) != len(u):
            raise ConfigError(f"steering: paired=True needs as many safe as unsafe prompts ({len(s)} != {len(u)})")
        pairs = tuple((i, i) for i in range(len(s))) if paired else ()
        return self.session.fit(FitData(s, u, pairs, "given prompts"), layer=layer, position=position)

    def from_cases(
        self, cases: Sequence[Case], *, layer: int | None = None, position: int | None = None
    ) -> RefusalDirection:
        """Contrast twins among ``cases`` (or all labelled prompts when there are fewer than two pairs)."""
        data = fit_data_from_cases(cases, max_pairs=self.session.config.max_pairs)
        return self.session.fit(data, layer=layer, position=position)

    def from_suites(
        self, paths: Sequence[str | Path], *, layer: int | None = None, position: int | None = None
    ) -> RefusalDirection:
        cases = [case for path in paths for case in load_suite(path)]
        return self.from_cases(cases, layer=layer, position=position)


class MarginProbe:
    """``refusal_margin(prompts)``: 0 at the mean safe prompt, 1 at the mean unsafe prompt."""

    def __init__(self, session: SteeringSession, direction: RefusalDirection) -> None:
        self.session = session
        self.direction = direction

    @overload
    def __call__(  # type: ignore[overload-overlap]  # a str is one prompt, not a sequence of prompts
        self, prompts: Single, direction: RefusalDirection | None = None
    ) -> float: ...

    @overload
    def __call__(self, prompts: Sequence[PromptLike], direction: RefusalDirection | None = None) -> list[float]: ...

    def __call__(self, prompts: Any, direction: RefusalDirection | None = None) -> float | list[float]:
        values = [m.margin for m in self.details(prompts, direction)]
        return values[0] if _single(prompts) else values

    def details(
        self, prompts: PromptLike | Sequence[PromptLike], direction: RefusalDirection | None = None
    ) -> list[Margin]:
        return self.session.margins(direction or self.direction, as_prompts(prompts))


class BoundaryProbe:
    """``boundary_distance(prompts)``: the alpha at which each prompt's first-token refusal score flips."""

    def __init__(self, session: SteeringSession, direction: RefusalDirection) -> None:
        self.session = session
        self.direction = direction

    @overload
    def __call__(  # type: ignore[overload-overlap]  # a str is one prompt, not a sequence of prompts
        self, prompts: Single, direction: RefusalDirection | None = None
    ) -> BoundaryDistance: ...

    @overload
    def __call__(
        self, prompts: Sequence[PromptLike], direction: RefusalDirection | None = None
    ) -> list[BoundaryDistance]: ...

    def __call__(
        self, prompts: Any, direction: RefusalDirection | None = None
    ) -> BoundaryDistance | list[BoundaryDistance]:
        found = self.session.boundaries(direction or self.direction, as_prompts(prompts))
        return found[0] if _single(prompts) else found

    def scores(self, prompts: PromptLike | Sequence[PromptLike], alpha: float = 0.0) -> list[float]:
        """First-token refusal scores with ``alpha`` times the direction added (0: unsteered)."""
        return self.session.scores(as_prompts(prompts), self.direction if alpha else None, alpha)


class SteeredModel:
    """The steering model with ``alpha * direction`` added at the direction's layer, inside a ``with`` block.

    It is also a ``Backend`` (``generate(requests)``), so steered answers can go through any judge.
    Decoding is greedy: a request asking for sampling gets a per-prompt error, never an unsteered answer.
    """

    name = "steered"

    def __init__(self, session: SteeringSession, direction: RefusalDirection, alpha: float) -> None:
        self.session = session
        self.direction = direction
        self.alpha = float(alpha)
        self.batch_size = 8
        self.active = True

    def _check(self) -> None:
        if not self.active:
            raise ConfigError("steering: a steered model was used after its `with steer(...)` block ended")

    @property
    def steering(self) -> Steering:
        return Steering(self.direction.vector, self.direction.layer)

    def fingerprint(self) -> str:
        return (
            f"steered:{self.session.model.fingerprint()}|layer={self.direction.layer}"
            f"|direction={self.direction.digest()[:16]}|alpha={self.alpha!r}"
        )

    def complete(self, prompts: PromptLike | Sequence[PromptLike], *, max_new_tokens: int = 64) -> list[str]:
        self._check()
        return self.session.model.generate(
            as_prompts(prompts), max_new_tokens=max_new_tokens, steering=self.steering, alpha=self.alpha
        )

    def refusal_scores(self, prompts: PromptLike | Sequence[PromptLike]) -> list[float]:
        self._check()
        return self.session.scores(as_prompts(prompts), self.direction, self.alpha)

    def margins(self, prompts: PromptLike | Sequence[PromptLike]) -> list[float]:
        """Margins read with the steering applied: a steered safe prompt moves by about ``alpha``."""
        self._check()
        items = as_prompts(prompts)
        d = self.direction
        acts = self.session.model.activations(items, [d.layer], [d.position], self.steering, [self.alpha] * len(items))
        return [float(m) for m in d.margin(acts[:, 0, 0])]

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Generation]:
        self._check()
        out: list[Generation | None] = [None] * len(requests)
        groups: dict[int, list[int]] = {}
        for i, request in enumerate(requests):
            if request.settings.temperature > 0:
                out[i] = Generation(error="steered model: only greedy decoding (temperature 0) is supported")
            else:
                groups.setdefault(request.settings.max_new_tokens, []).append(i)
        for max_new, indices in groups.items():
            texts = self.session.model.generate(
                as_prompts([requests[i] for i in indices]),
                max_new_tokens=max_new,
                steering=self.steering,
                alpha=self.alpha,
            )
            for i, text in zip(indices, texts, strict=True):
                out[i] = Generation(text=text)
        return [g if g is not None else Generation(error="steered model: no output") for g in out]

    def close(self) -> None:
        self.active = False


class Steerer:
    """``with steer(alpha) as model:`` generations and scores inside the block are steered by ``alpha``."""

    def __init__(self, session: SteeringSession, direction: RefusalDirection) -> None:
        self.session = session
        self.direction = direction

    @contextlib.contextmanager
    def __call__(self, alpha: float, direction: RefusalDirection | None = None) -> Iterator[SteeredModel]:
        model = SteeredModel(self.session, direction or self.direction, alpha)
        try:
            yield model
        finally:
            model.close()
