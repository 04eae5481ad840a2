"""Lazy registries of backends and judges by name.

Built-in components are named by ``module:function`` strings so that choosing one imports its heavy
dependency (llama_cpp, torch, transformers, httpx) only then. Third parties add their own through the
entry-point groups ``pytest_overrefusal.backends`` and ``pytest_overrefusal.judges``; an entry point
must resolve to a factory ``(arg: str | None, options: Mapping[str, str]) -> Backend | Judge``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    from .backends.capabilities import Capability, Engine

__all__ = [
    "BACKEND_GROUP",
    "JUDGE_GROUP",
    "Spec",
    "available",
    "build",
    "build_judge",
    "parse_spec",
    "require",
    "resolve_factory",
]

BACKEND_GROUP = "pytest_overrefusal.backends"
JUDGE_GROUP = "pytest_overrefusal.judges"

_BUILTIN: dict[str, dict[str, str]] = {
    BACKEND_GROUP: {
        "scripted": "pytest_overrefusal.backends.scripted:create",
        "llamacpp": "pytest_overrefusal.backends.llamacpp:create",
        "hf": "pytest_overrefusal.backends.hf:create",
        "openai": "pytest_overrefusal.backends.openai:create",
        "replay": "pytest_overrefusal.backends.replay:create",
    },
    JUDGE_GROUP: {
        "keywords": "pytest_overrefusal.judges.keywords:create",
        "llm": "pytest_overrefusal.judges.llm:create",
        "logprob": "pytest_overrefusal.judges.logprob:create",
        "classifier": "pytest_overrefusal.judges.classifier:create",
        "combined": "pytest_overrefusal.judges.combined:create",
        "cascade": "pytest_overrefusal.judges.cascade:create",
    },
}

_KIND = {BACKEND_GROUP: "model backend", JUDGE_GROUP: "judge"}


@dataclass(frozen=True)
class Spec:
    """``NAME[:ARG]`` as given on the command line, e.g. ``llamacpp:model.gguf`` or ``scripted:rules.yaml``."""

    name: str
    arg: str | None

    def __str__(self) -> str:
        return self.name if self.arg is None else f"{self.name}:{self.arg}"


def parse_spec(text: str) -> Spec:
    name, sep, arg = text.strip().partition(":")
    if not name:
        raise ConfigError(f"empty component spec {text!r}: expected NAME or NAME:ARG")
    return Spec(name, arg if sep and arg else None)


def _entry_points(group: str) -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=group)}


def available(group: str) -> list[str]:
    """Every name that can be chosen in ``group``: built-ins and installed entry points."""
    return sorted(set(_BUILTIN.get(group, {})) | set(_entry_points(group)))


def resolve_factory(group: str, name: str) -> Callable[..., Any]:
    """The factory registered for ``name``; third-party entry points take precedence over built-ins."""
    eps = _entry_points(group)
    if name in eps:
        factory: Callable[..., Any] = eps[name].load()
        return factory
    target = _BUILTIN.get(group, {}).get(name)
    if target is None:
        raise ConfigError(f"unknown {_KIND.get(group, group)} {name!r}; available: {', '.join(available(group))}")
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    factory = getattr(module, attr)
    return factory


def build(group: str, spec: str | Spec, options: Mapping[str, str] | None = None) -> Any:
    parsed = spec if isinstance(spec, Spec) else parse_spec(spec)
    factory = resolve_factory(group, parsed.name)
    if group == BACKEND_GROUP:
        from .backends.capabilities import check_declared

        # A backend class that declares a capability it does not implement fails here, once, in one line.
        check_declared(getattr(factory, "backend_class", None))
    return factory(parsed.arg, dict(options or {}))


def build_judge(spec: str | Spec, options: Mapping[str, str], *, model: str, model_options: Mapping[str, str]) -> Any:
    """Build a judge for a run whose model under test is ``model``.

    A judge that scores the model under test itself (its factory has ``scores_model_under_test =
    True``, like ``logprob``) gets the run's model as option ``model`` and the run's model options as
    ``backend.KEY``, unless its spec or its own options name a model: ``--overrefusal-judge logprob``
    then measures the model the run tests, not some default.
    """
    parsed = spec if isinstance(spec, Spec) else parse_spec(spec)
    factory = resolve_factory(JUDGE_GROUP, parsed.name)
    merged = dict(options)
    if getattr(factory, "scores_model_under_test", False) and parsed.arg is None and "model" not in merged:
        merged["model"] = model
        for key, value in model_options.items():
            merged.setdefault(f"backend.{key}", value)
    return factory(parsed.arg, merged)


def require(spec: Spec, capability: Capability, *, who: str, hint: str = "") -> type[Engine]:
    """The engine class behind ``spec`` when it can do ``capability``; else one line naming both.

    Nothing is loaded: the registry resolves the factory, and the class it declares answers.
    """
    from .backends.capabilities import CapabilityError, check_declared, declared_capabilities

    tail = f" ({hint})" if hint else ""
    try:
        factory = resolve_factory(BACKEND_GROUP, spec.name)
    except ConfigError as exc:
        raise CapabilityError(f"{who}: unsupported model {str(spec)!r}: {exc}{tail}") from None
    cls = getattr(factory, "backend_class", None)
    if capability not in declared_capabilities(factory) or cls is None:
        raise CapabilityError(
            f"{who}: unsupported model {str(spec)!r}: the {spec.name} backend cannot {capability.value}{tail}"
        )
    check_declared(cls)
    engine: type[Engine] = cls
    return engine
