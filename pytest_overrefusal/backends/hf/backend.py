"""``hf:NAME_OR_PATH``: a transformers causal LM, generating left-padded batches through its chat template.

``NAME_OR_PATH`` is a local model directory, a ``.gguf`` file, a Hugging Face hub id, or ``embedded``
(also the default) for the embedded SmolLM2-135M-Instruct GGUF, which transformers dequantizes so that
the backend runs on real weights on any CPU. Hub ids work only where the hub (or its local cache)
is reachable; with ``HF_HUB_OFFLINE=1`` nothing is downloaded.

Requests in one ``generate`` call are sorted by prompt length and cut into micro-batches of
``parallel`` prompts, so each micro-batch pads to a similar length; results come back in the
original order. Greedy decoding (``temperature=0``) is deterministic for a given model, dtype and
device; sampling is seeded per micro-batch, so sampled answers depend on which prompts shared it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ...errors import BackendError, ConfigError, MissingDependency
from .._early_stop import check_for
from .._filehash import file_sha256
from .._options import OptionReader
from .._resources import cpu_share, plan_hf_parallel, transformer_seq_bytes
from ..base import Generation, GenerationRequest, GenerationSettings, Progress, StopCheck
from ..embedded import embedded_model_path
from .early_stop import settled_criteria
from .engine import HFEngine

__all__ = ["OPTIONS", "HFBackend", "create"]

OPTIONS = (
    "batch_size",
    "chat_template",
    "device",
    "dtype",
    "gguf_file",
    "parallel",
    "revision",
    "threads",
    "trust_remote_code",
)
DTYPES = ("auto", "float32", "float16", "bfloat16")
_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".pt", ".pth")


def _import_torch_transformers() -> tuple[Any, Any]:
    try:
        import torch
    except ImportError:
        raise MissingDependency("the hf backend", "torch", "hf") from None
    try:
        import transformers
    except ImportError:
        raise MissingDependency("the hf backend", "transformers", "hf") from None
    return torch, transformers


def _hub_offline() -> bool:
    return any(
        os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")
        for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _pick_device(torch: Any, device: str) -> str:
    if device != "auto":
        return device
    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


def _pick_dtype(torch: Any, dtype: str, device: str) -> Any:
    if dtype != "auto":
        return getattr(torch, dtype)
    if device.startswith("cuda"):
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    # Half precision on CPU is slow or unsupported for many kernels: keep float32 there.
    return torch.float32


class HFBackend(HFEngine):
    """A transformers model on one device, generating ``parallel`` prompts per ``model.generate`` call."""

    name = "hf"
    can_sample = True  # requests are grouped by settings, so each sample seed gets its own seeded micro-batches

    @classmethod
    def from_spec(cls, arg: str | None, options: Mapping[str, str]) -> HFBackend:
        """The backend ``hf[:arg]`` with ``options``, as the registry's ``create`` builds it (capabilities
        such as first-token scoring build theirs through this, without importing this module)."""
        return create(arg, options)

    def __init__(
        self,
        model_ref: str,
        *,
        gguf_file: str | None = None,
        dtype: str = "auto",
        device: str = "auto",
        parallel: int | None = None,
        batch_size: int | None = None,
        revision: str | None = None,
        trust_remote_code: bool = False,
        threads: int | None = None,
        chat_template: str | None = None,
    ) -> None:
        torch, transformers = _import_torch_transformers()
        self._torch = torch
        self.model_ref = model_ref
        self.gguf_file = gguf_file
        self.revision = revision
        # torch's own default is the machine's cores, blind to cgroup quotas and xdist workers.
        torch.set_num_threads(threads or cpu_share())
        self.device = _pick_device(torch, device)
        self.dtype = _pick_dtype(torch, dtype, self.device)
        self.local = Path(model_ref).exists()
        load_kwargs: dict[str, Any] = {"revision": revision, "trust_remote_code": trust_remote_code}
        if gguf_file is not None:
            load_kwargs["gguf_file"] = gguf_file
        if not self.local and _hub_offline():
            load_kwargs["local_files_only"] = True
        # Loading prints per-tensor progress bars to stderr, which would interleave with pytest's output.
        hf_logging = transformers.utils.logging
        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()
        try:
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(model_ref, **load_kwargs)
            self.model = transformers.AutoModelForCausalLM.from_pretrained(model_ref, dtype=self.dtype, **load_kwargs)
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            raise BackendError(self._load_error(exc)) from None
        finally:
            if bars:
                hf_logging.enable_progress_bar()
        self.model.to(self.device)
        self.model.eval()
        self.parallel, self.plan = (parallel, "parallel given") if parallel else self._plan_parallel()
        self.batch_size = batch_size or 4 * self.parallel
        self.tokenizer.padding_side = "left"
        self._template_source = self._chat_template(chat_template)
        if self._template_source is not None:
            self.tokenizer.chat_template = self._template_source
        self._eos_ids = self._eos_token_ids()
        pad = self.tokenizer.pad_token_id
        self._pad_id = int(pad) if pad is not None else self._eos_ids[0]
        self._fingerprint: str | None = None

    def _plan_parallel(self) -> tuple[int, str]:
        torch = self._torch
        free_gpu = seq_bytes = None
        if self.device.startswith("cuda"):
            free_gpu = int(torch.cuda.mem_get_info(torch.device(self.device))[0])
            element = torch.empty((), dtype=self.dtype).element_size()
            seq_bytes = transformer_seq_bytes(getattr(self.model.config, "text_config", self.model.config), element)
        return plan_hf_parallel(share=cpu_share(), free_gpu=free_gpu, seq_bytes=seq_bytes)

    def _load_error(self, exc: BaseException) -> str:
        reason = _first_line(exc).rstrip(". ")
        if self.local:
            return f"hf backend: cannot load {self.model_ref}: {reason}"
        if _hub_offline():
            where, hint = "the local Hugging Face cache (HF_HUB_OFFLINE is set)", ""
        else:
            where, hint = "the Hugging Face hub", " (HF_HUB_OFFLINE=1 skips the hub's retries)"
        return (
            f"hf backend: cannot load {self.model_ref!r} from {where}: {reason}; where the hub is unreachable, "
            f"download the model elsewhere and pass its directory: --overrefusal-model=hf:/path/to/model{hint}"
        )

    def _chat_template(self, override: str | None) -> str | None:
        if override is not None:
            try:
                return Path(override).read_text("utf-8")
            except OSError as exc:
                raise ConfigError(f"hf backend: cannot read chat_template={override!r}: {exc.strerror}") from None
        template = getattr(self.tokenizer, "chat_template", None)
        if isinstance(template, str) and template:
            return None
        if self.gguf_file is not None:
            stored = _gguf_chat_template(Path(self.model_ref) / self.gguf_file) if self.local else None
            if stored:
                return stored
        raise BackendError(
            f"hf backend: {self.model_ref} has no chat template; "
            "pass --overrefusal-model-option chat_template=FILE.jinja"
        )

    def _eos_token_ids(self) -> list[int]:
        configured = getattr(self.model.generation_config, "eos_token_id", None)
        ids: list[int] = []
        if isinstance(configured, int):
            ids.append(configured)
        elif isinstance(configured, (list, tuple)):
            ids.extend(int(i) for i in configured)
        if self.tokenizer.eos_token_id is not None and self.tokenizer.eos_token_id not in ids:
            ids.append(int(self.tokenizer.eos_token_id))
        if not ids:
            raise BackendError(f"hf backend: {self.model_ref} defines no end-of-sequence token")
        return ids

    # -- identity ---------------------------------------------------------------------------------

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            parts = [f"hf:{self._weights_identity()}", f"dtype={str(self.dtype).removeprefix('torch.')}"]
            parts.append(f"device={self.device.split(':')[0]}")
            template = self.tokenizer.chat_template or ""
            parts.append(f"template={hashlib.sha256(template.encode()).hexdigest()[:16]}")
            self._fingerprint = "|".join(parts)
        return self._fingerprint

    def _weights_identity(self) -> str:
        if not self.local:
            commit = getattr(self.model.config, "_commit_hash", None) or self.revision or "unknown-revision"
            return f"{self.model_ref}@{commit}"
        root = Path(self.model_ref)
        if self.gguf_file is not None:
            return f"sha256={file_sha256(root / self.gguf_file)}"
        files = sorted(p for p in root.iterdir() if p.is_file() and p.suffix in _WEIGHT_SUFFIXES)
        config = root / "config.json"
        if config.is_file():
            files.append(config)
        combined = hashlib.sha256()
        for path in files:
            combined.update(f"{path.name}={file_sha256(path)};".encode())
        return f"sha256={combined.hexdigest()}"

    # -- generation -------------------------------------------------------------------------------

    def prompt_ids(self, request: GenerationRequest) -> list[int]:
        """The chat rendered by the model's template, tokenized without adding special tokens twice."""
        text = self.tokenizer.apply_chat_template(request.chat(), tokenize=False, add_generation_prompt=True)
        ids: list[int] = self.tokenizer(text, add_special_tokens=False)["input_ids"]
        return ids

    reports_progress = True
    stops_early = True

    def generate(
        self,
        requests: Sequence[GenerationRequest],
        *,
        progress: Progress | None = None,
        settled: Sequence[StopCheck | None] | None = None,
    ) -> list[Generation]:
        if self.model is None:
            raise BackendError("hf backend: generate() called after close()")
        results: list[Generation | None] = [None] * len(requests)
        encoded: dict[int, list[int]] = {}
        for index, request in enumerate(requests):
            try:
                encoded[index] = self.prompt_ids(request)
            except Exception as exc:  # a template's raise_exception() surfaces as an arbitrary jinja error
                results[index] = Generation(error=f"hf backend: chat template failed: {_first_line(exc)}")
        if progress is not None and len(encoded) < len(requests):
            progress(len(requests) - len(encoded))  # prompts whose template failed are finished too
        groups: dict[GenerationSettings, list[int]] = {}
        for index in encoded:
            groups.setdefault(requests[index].settings, []).append(index)
        for settings, indices in groups.items():
            indices.sort(key=lambda i: len(encoded[i]))
            for start in range(0, len(indices), self.parallel):
                chunk = indices[start : start + self.parallel]
                checks = [check_for(settled, i) for i in chunk]
                generated = self._generate_chunk([encoded[i] for i in chunk], settings, checks)
                for index, generation in zip(chunk, generated, strict=True):
                    results[index] = generation
                if progress is not None:
                    progress(len(chunk))
        return [r if r is not None else Generation(error="hf backend: prompt was not generated") for r in results]

    def _generate_chunk(
        self, prompts: list[list[int]], settings: GenerationSettings, checks: Sequence[StopCheck | None] = ()
    ) -> list[Generation]:
        torch = self._torch
        width = max(len(p) for p in prompts)
        input_ids = torch.full((len(prompts), width), self._pad_id, dtype=torch.long)
        attention = torch.zeros((len(prompts), width), dtype=torch.long)
        for row, ids in enumerate(prompts):
            input_ids[row, width - len(ids) :] = torch.tensor(ids, dtype=torch.long)
            attention[row, width - len(ids) :] = 1
        kwargs: dict[str, Any] = {
            "max_new_tokens": settings.max_new_tokens,
            "pad_token_id": self._pad_id,
            "eos_token_id": self._eos_ids,
        }
        if settings.temperature > 0:
            # Plain temperature sampling, like the llamacpp backend: no top-k/top-p from generation_config.
            kwargs.update(do_sample=True, temperature=settings.temperature, top_k=0, top_p=1.0)
            torch.manual_seed(settings.seed)
        else:
            kwargs.update(do_sample=False, temperature=None, top_k=None, top_p=None)
        if settings.stop:
            kwargs.update(stop_strings=list(settings.stop), tokenizer=self.tokenizer)
        stopped: dict[int, int] = {}
        if any(c is not None for c in checks):
            criteria, stopped = settled_criteria(checks, width, self.tokenizer, self._eos_ids)
            kwargs["stopping_criteria"] = [criteria]
        try:
            with torch.inference_mode():
                output = self.model.generate(
                    input_ids=input_ids.to(self.device), attention_mask=attention.to(self.device), **kwargs
                )
        except (RuntimeError, ValueError) as exc:
            raise BackendError(f"hf backend: generation failed on {self.device}: {_first_line(exc)}") from None
        rows = [row.tolist() for row in output[:, width:].cpu()]
        return [
            self._decode(ids[: stopped[n]], settings, finish="settled") if n in stopped else self._decode(ids, settings)
            for n, ids in enumerate(rows)
        ]

    def _decode(self, ids: list[int], settings: GenerationSettings, finish: str | None = None) -> Generation:
        end = next((i for i, t in enumerate(ids) if t in self._eos_ids), len(ids))
        kept = ids[:end]
        text = self.tokenizer.decode(kept, skip_special_tokens=True)
        reason = finish or ("stop" if end < len(ids) else "length")
        if settings.stop:
            cuts = [i for i in (text.find(s) for s in settings.stop if s) if i >= 0]
            if cuts:
                text = text[: min(cuts)]
                reason = "stop"
        return Generation(text=text, tokens=len(kept), finish=reason)

    def close(self) -> None:
        self.model = None
        if self.device.startswith("cuda"):
            self._torch.cuda.empty_cache()


def _gguf_chat_template(path: Path) -> str | None:
    try:
        from gguf import GGUFReader
    except ImportError:
        raise MissingDependency("the hf backend on GGUF files", "gguf", "hf") from None
    field = GGUFReader(str(path)).fields.get("tokenizer.chat_template")
    if field is None:
        return None
    return bytes(field.parts[field.data[0]]).decode("utf-8")


def _resolve(arg: str | None, gguf_file: str | None) -> tuple[str, str | None]:
    if not arg or arg == "embedded":
        if gguf_file is not None:
            raise ConfigError("hf backend: gguf_file= needs a model directory: --overrefusal-model=hf:DIR")
        path = embedded_model_path()
        return str(path.parent), path.name
    path = Path(arg).expanduser()
    if path.suffix.lower() == ".gguf":
        if not path.is_file():
            raise ConfigError(f"hf backend: GGUF file {arg!r} not found")
        return str(path.parent), path.name
    if gguf_file is not None and path.is_dir() and not (path / gguf_file).is_file():
        raise ConfigError(f"hf backend: gguf_file={gguf_file!r} not found in {arg}")
    if arg.startswith((".", "/", "~")) and not path.exists():
        raise ConfigError(f"hf backend: model directory {arg!r} not found")
    return (str(path) if path.exists() else arg), gguf_file


def create(arg: str | None, options: Mapping[str, str]) -> HFBackend:
    reader = OptionReader("hf backend", options, OPTIONS)
    # Absent parallel/batch_size/threads are planned from the device's free memory or the usable CPUs.
    parallel = reader.integer("parallel", 0, minimum=1) if reader.has("parallel") else None
    settings: dict[str, Any] = {
        "dtype": reader.choice("dtype", "auto", DTYPES),
        "device": reader.string("device", "auto") or "auto",
        "parallel": parallel,
        "batch_size": reader.integer("batch_size", 0, minimum=1) if reader.has("batch_size") else None,
        "revision": reader.string("revision"),
        "trust_remote_code": reader.boolean("trust_remote_code", False),
        "threads": reader.integer("threads", 0, minimum=0) or None,
        "chat_template": reader.string("chat_template"),
    }
    model_ref, gguf_file = _resolve(arg, reader.string("gguf_file"))
    return HFBackend(model_ref, gguf_file=gguf_file, **settings)
