"""What a backend can do besides generating, declared on its class and checked before anything loads.

Four capabilities: ``generate`` (every backend), ``score the first token`` (the ``logprob`` judge),
``read activations`` and ``steer`` (the steering fixtures, ``mine-boundary``, trigger attribution
and the mitigations), plus ``steer attention`` (the attention-steering mitigation). A backend class
declares what it can do by deriving from ``Engine`` and listing them in ``capabilities``; ``Engine``'s
defaults say "cannot", with one line naming the backend and the capability. The factory a registry
name resolves to points at its class with ``@backend_factory(TheBackend)``, so a capability is checked
from the spec alone (``registry.require``), before any model is loaded, and a declared capability whose
method the class does not implement is an error when the class is looked up (``check_declared``).

Code outside ``backends/`` asks for a capability through ``registry.require`` and uses only the protocol it
gets back; only the engine packages (``backends/llamacpp/``, ``backends/hf/``) import model libraries.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, runtime_checkable

from ..errors import ConfigError
from ._options import OptionReader
from .base import GenerationRequest

if TYPE_CHECKING:
    from .activations import SteerableModel, SteeringPrompt

__all__ = [
    "AttentionSteerable",
    "Capability",
    "CapabilityError",
    "Engine",
    "FirstTokenScorer",
    "backend_factory",
    "check_declared",
    "check_local_steering_spec",
    "declared_capabilities",
]


class Capability(str, enum.Enum):
    GENERATE = "generate"
    SCORE_FIRST_TOKEN = "score the first token"
    READ_ACTIVATIONS = "read activations"
    STEER = "steer"
    STEER_ATTENTION = "steer attention"


class CapabilityError(ConfigError):
    """A backend asked for something it cannot do (one line: who asked, which backend, what)."""


@runtime_checkable
class FirstTokenScorer(Protocol):
    """A local model that returns first-response-token probability mass on given token ids."""

    def fingerprint(self) -> str: ...

    def tokenize(self, text: str) -> list[int]: ...

    def ignorable(self, token: int) -> bool:
        """Whether ``token`` can open any answer: a lone space marker, or the unknown token."""
        ...

    def refusal_mass(
        self, requests: Sequence[GenerationRequest], ids: Sequence[Sequence[int]]
    ) -> list[float | str]: ...

    def close(self) -> None: ...


@runtime_checkable
class AttentionSteerable(Protocol):
    """A steerable model whose attention to chosen words can be scaled down while it answers."""

    n_layers: int

    def fingerprint(self) -> str: ...

    def attention_steered_generate(
        self,
        prompts: Sequence[SteeringPrompt],
        words: Sequence[Sequence[str]],
        *,
        layers: tuple[int, ...],
        heads: tuple[int, ...] | None,
        scale: float,
        max_new_tokens: int,
    ) -> list[str]: ...


# Which method of ``Engine`` provides each capability (GENERATE is the instance's ``generate``).
_PROVIDER = {
    Capability.SCORE_FIRST_TOKEN: "first_token_scorer",
    Capability.READ_ACTIVATIONS: "steerable_model",
    Capability.STEER: "steerable_model",
    Capability.STEER_ATTENTION: "steerable_model",
}


def _missing(backend: str, capability: Capability, who: str = "") -> CapabilityError:
    prefix = f"{who}: " if who else ""
    return CapabilityError(f"{prefix}the {backend} backend cannot {capability.value}")


class Engine:
    """Base class declaring a backend's capabilities; every default says "cannot".

    The capability methods are class methods: they open the engine's scorer or steerable model from
    the same ``arg`` and options the backend's own factory takes, without building a generation backend.
    """

    name: ClassVar[str] = "?"
    capabilities: ClassVar[frozenset[Capability]] = frozenset({Capability.GENERATE})
    # Options the steerable model accepts (a subset of the backend's), checked before loading.
    steering_options: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def first_token_scorer(cls, arg: str | None, options: Mapping[str, str], *, who: str) -> FirstTokenScorer:
        raise _missing(cls.name, Capability.SCORE_FIRST_TOKEN, who)

    @classmethod
    def steerable_model(
        cls, arg: str | None, options: Mapping[str, str], *, cache_dir: Path | None, who: str
    ) -> SteerableModel:
        raise _missing(cls.name, Capability.STEER, who)

    @classmethod
    def check_steering_spec(cls, arg: str | None, options: Mapping[str, str], *, who: str) -> None:
        """Reject bad steering options or a missing file without importing any model library."""
        raise _missing(cls.name, Capability.STEER, who)


F = TypeVar("F", bound=Callable[..., Any])


def backend_factory(cls: type[Engine]) -> Callable[[F], F]:
    """Mark a registry factory as building ``cls``, so its capabilities are known before it runs."""
    check_declared(cls)

    def mark(factory: F) -> F:
        factory.backend_class = cls  # type: ignore[attr-defined]
        return factory

    return mark


def check_declared(cls: object) -> None:
    """Every capability ``cls`` declares must have its method overridden; one line when one is not."""
    if not isinstance(cls, type) or not issubclass(cls, Engine):
        return
    for capability in sorted(cls.capabilities - {Capability.GENERATE}, key=lambda c: c.value):
        method = _PROVIDER[capability]
        if getattr(cls, method).__func__ is getattr(Engine, method).__func__:
            raise ConfigError(
                f"backend {cls.name!r} ({cls.__module__}.{cls.__qualname__}) declares the capability "
                f"{capability.value!r} but does not implement {method}()"
            )


def declared_capabilities(factory: Callable[..., Any]) -> frozenset[Capability]:
    """What the backend built by ``factory`` can do; a factory without a declared class only generates."""
    cls = getattr(factory, "backend_class", None)
    if isinstance(cls, type) and issubclass(cls, Engine):
        return cls.capabilities
    return frozenset({Capability.GENERATE})


def local_model_path(arg: str | None, *, who: str, what: str) -> Path:
    """The file or directory ``arg`` names; the embedded GGUF for no argument or ``embedded``."""
    if arg is None or arg == "embedded":
        from .embedded import embedded_model_path

        return embedded_model_path()
    path = Path(arg).expanduser()
    if not path.exists():
        raise ConfigError(f"{who}: {what} {arg!r} not found")
    return path


def check_local_steering_spec(
    engine: str, allowed: Sequence[str], arg: str | None, options: Mapping[str, str], *, who: str
) -> None:
    """A local engine's ``check_steering_spec``: only ``allowed`` option names, and the model path (unless
    it is the embedded model) exists; nothing is imported or loaded."""
    OptionReader(f"{who} model {engine}", options, allowed)
    if arg is not None and arg != "embedded":
        local_model_path(arg, who=who, what="model path")
