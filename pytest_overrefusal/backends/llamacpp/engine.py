"""What the llama.cpp engine can do besides generating: score the first token, read activations, steer."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from ...errors import ConfigError
from .._options import OptionReader
from ..capabilities import Capability, Engine, FirstTokenScorer, check_local_steering_spec, local_model_path

if TYPE_CHECKING:
    from ..activations import SteerableModel
    from .backend import LlamaCppBackend

__all__ = ["STEERING_OPTIONS", "LlamaCppEngine"]

STEERING_OPTIONS = ("batch_size", "chat_template", "gpu_layers", "n_ctx", "threads", "verbose")


class LlamaCppEngine(Engine):
    """The capabilities of ``LlamaCppBackend`` (its base class); each opens its own context on the weights."""

    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {Capability.GENERATE, Capability.SCORE_FIRST_TOKEN, Capability.READ_ACTIVATIONS, Capability.STEER}
    )
    steering_options: ClassVar[tuple[str, ...]] = STEERING_OPTIONS

    @classmethod
    def first_token_scorer(cls, arg: str | None, options: Mapping[str, str], *, who: str) -> FirstTokenScorer:
        path = local_model_path(arg, who=who, what="model file")
        if path.suffix.lower() != ".gguf":
            raise ConfigError(f"{who}: {arg!r} is not a .gguf file")
        from .score import LlamaCppScorer

        return LlamaCppScorer(path, options, backend_class=_backend_class(cls), who=who)

    @classmethod
    def check_steering_spec(cls, arg: str | None, options: Mapping[str, str], *, who: str) -> None:
        check_local_steering_spec("llamacpp", STEERING_OPTIONS, arg, options, who=who)

    @classmethod
    def steerable_model(
        cls, arg: str | None, options: Mapping[str, str], *, cache_dir: Path | None, who: str
    ) -> SteerableModel:
        reader = OptionReader(f"{who} model llamacpp", options, STEERING_OPTIONS)
        from .steer import LlamaCppSteerableModel

        return LlamaCppSteerableModel(
            local_model_path(arg, who=who, what="model path"),
            backend_class=_backend_class(cls),
            n_ctx=reader.integer("n_ctx", 2048, minimum=64),
            threads=reader.integer("threads", 0, minimum=0) or None,
            gpu_layers=reader.integer("gpu_layers", 0),
            chat_template=reader.string("chat_template"),
            verbose=reader.boolean("verbose", False),
            batch_size=reader.integer("batch_size", 8, minimum=1),
        )


def _backend_class(cls: type[LlamaCppEngine]) -> type[LlamaCppBackend]:
    """The backend class a capability was asked of (``LlamaCppBackend``, the subclass declaring them).

    Handed to the scorer and the steerable model, which build a backend on the same weights: they
    cannot import ``backend.py`` themselves, since it imports this module.
    """
    return cast("type[LlamaCppBackend]", cls)
