"""The steering plugin's fixtures (``pytest_overrefusal.steering.pytest_plugin`` re-exports them for pytest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .runtime import guard, runtime_of

if TYPE_CHECKING:
    from ...steering.direction import RefusalDirection
    from ...steering.probes import BoundaryProbe, DirectionFactory, MarginProbe, Steerer
    from ...steering.session import SteeringSession

__all__ = [
    "boundary_distance",
    "refusal_direction",
    "refusal_direction_factory",
    "refusal_margin",
    "steer",
    "steering_session",
]


@pytest.fixture(scope="session")
def steering_session(pytestconfig: pytest.Config) -> SteeringSession:
    """The steering model (opened on first use) and its direction cache, shared by the whole session."""
    return runtime_of(pytestconfig).session


@pytest.fixture(scope="session")
def refusal_direction_factory(steering_session: SteeringSession) -> DirectionFactory:
    """``factory(safe_prompts, unsafe_prompts, paired=False, layer=None, position=None) -> RefusalDirection``."""
    from ...steering.probes import DirectionFactory

    return DirectionFactory(steering_session)


@pytest.fixture(scope="session")
def refusal_direction(pytestconfig: pytest.Config, steering_session: SteeringSession) -> RefusalDirection:
    """The refusal direction of the collected suites' contrast pairs (or ``--overrefusal-steering-data``)."""
    direction: RefusalDirection = guard(runtime_of(pytestconfig).default_direction)
    return direction


@pytest.fixture
def refusal_margin(steering_session: SteeringSession, refusal_direction: RefusalDirection) -> MarginProbe:
    """``refusal_margin(prompts)``: 0 at the mean safe prompt, 1 at the mean unsafe one (float per prompt)."""
    from ...steering.probes import MarginProbe

    return MarginProbe(steering_session, refusal_direction)


@pytest.fixture
def steer(steering_session: SteeringSession, refusal_direction: RefusalDirection) -> Steerer:
    """``with steer(alpha) as model:`` -- ``model.complete(...)`` generates with alpha times the direction added."""
    from ...steering.probes import Steerer

    return Steerer(steering_session, refusal_direction)


@pytest.fixture
def boundary_distance(steering_session: SteeringSession, refusal_direction: RefusalDirection) -> BoundaryProbe:
    """``boundary_distance(prompts)``: the signed alpha at which each first-token refusal score flips."""
    from ...steering.probes import BoundaryProbe

    return BoundaryProbe(steering_session, refusal_direction)
