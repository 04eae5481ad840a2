"""What the transformers engine can do besides generating: score the first token, read activations, steer
the residual stream, and steer attention."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from .._options import OptionReader
from ..capabilities import Capability, Engine, FirstTokenScorer, check_local_steering_spec, local_model_path

if TYPE_CHECKING:
    from ..activations import SteerableModel
    from .backend import HFBackend

__all__ = ["STEERING_OPTIONS", "HFEngine"]

STEERING_OPTIONS = ("batch_size", "device", "dtype", "threads")


class HFEngine(Engine):
    """The capabilities of ``HFBackend`` (its base class)."""

    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.GENERATE,
            Capability.SCORE_FIRST_TOKEN,
            Capability.READ_ACTIVATIONS,
            Capability.STEER,
            Capability.STEER_ATTENTION,
        }
    )
    steering_options: ClassVar[tuple[str, ...]] = STEERING_OPTIONS

    @classmethod
    def first_token_scorer(cls, arg: str | None, options: Mapping[str, str], *, who: str) -> FirstTokenScorer:
        from .score import HFScorer

        return HFScorer(arg, options, backend_class=cast("type[HFBackend]", cls), who=who)

    @classmethod
    def check_steering_spec(cls, arg: str | None, options: Mapping[str, str], *, who: str) -> None:
        check_local_steering_spec("hf", STEERING_OPTIONS, arg, options, who=who)

    @classmethod
    def steerable_model(
        cls, arg: str | None, options: Mapping[str, str], *, cache_dir: Path | None, who: str
    ) -> SteerableModel:
        reader = OptionReader(f"{who} model hf", options, STEERING_OPTIONS)
        from .loading import load_hf

        return load_hf(
            local_model_path(arg, who=who, what="model path"),
            cache_dir=cache_dir,
            device=reader.string("device", "cpu") or "cpu",
            dtype=reader.string("dtype", "float32") or "float32",
            threads=reader.integer("threads", 0, minimum=0) or None,
            batch_size=reader.integer("batch_size", 8, minimum=1),
        )
