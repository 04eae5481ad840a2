"""Activations and steering for GGUF models in llama.cpp (llama-cpp-python 0.3.x, low-level API).

* Steering uses llama.cpp control vectors: ``llama_set_adapter_cvec`` adds a per-layer vector to the
  *output* of decoder block ``il`` (``il >= 1``; block 0's output cannot be targeted). Layer ``L`` in
  this package is the stream *entering* block ``L``, which is block ``L - 1``'s output, so steering at
  ``L`` sets the control vector of block ``L - 1`` and the smallest steerable layer is 2.
* Hidden states are read through the scheduler's eval callback (``cb_eval`` in the context params):
  llama.cpp offers every graph tensor to it by name, and block ``il``'s output is named ``l_out-il``
  (after the control vector is added). The callback copies the rows of the wanted tensors with
  ``ggml_backend_tensor_get`` from ``libggml-base``, which works whatever device holds them. The high-level
  ``Llama(embedding=True)`` cannot do this: it only returns the final normalised output.

Generation (for ``steer``) reuses the llamacpp backend (its chat template, tokenizer and batched
decoding) with the control vector set on its context; activations and first-token log-probabilities
come from a second, single-sequence context on the same weights with the eval callback attached.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import BackendError, ConfigError
from ..activations import Steering, SteeringPrompt, common_prefix
from ..base import GenerationRequest, GenerationSettings
from .context import ContextParams
from .options import default_threads

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from .backend import LlamaCppBackend

__all__ = ["LlamaCppSteerableModel"]

_GGML_F32 = 0
_GGML_F16 = 1


class _TensorHeader(ctypes.Structure):
    # The leading fields of ``struct ggml_tensor`` (ggml.h), stable across ggml releases: type,
    # buffer, ne[4], nb[4]. Only ``type`` and ``ne`` are read.
    _fields_ = (
        ("type", ctypes.c_int),
        ("buffer", ctypes.c_void_p),
        ("ne", ctypes.c_int64 * 4),
        ("nb", ctypes.c_size_t * 4),
    )


_ggml_lock = threading.Lock()
_ggml: Any = None


def _ggml_lib(llama_cpp: Any) -> Any:
    global _ggml
    with _ggml_lock:
        if _ggml is None:
            lib_dir = Path(llama_cpp.__file__).parent / "lib"
            candidates = sorted(lib_dir.glob("libggml-base.*")) + sorted(lib_dir.glob("ggml-base.*"))
            if not candidates:
                raise BackendError(f"steering on llama.cpp: libggml-base not found in {lib_dir}")
            lib = ctypes.CDLL(str(candidates[0]))
            lib.ggml_get_name.restype = ctypes.c_char_p
            lib.ggml_get_name.argtypes = [ctypes.c_void_p]
            lib.ggml_nbytes.restype = ctypes.c_size_t
            lib.ggml_nbytes.argtypes = [ctypes.c_void_p]
            lib.ggml_backend_tensor_get.restype = None
            lib.ggml_backend_tensor_get.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t]
            _ggml = lib
        return _ggml


class LlamaCppSteerableModel:
    """A GGUF model in llama.cpp whose residual stream can be read (eval callback) and steered (cvec)."""

    name = "llamacpp"
    min_layer = 2

    def __init__(
        self,
        model_path: str | Path,
        *,
        n_ctx: int = 2048,
        threads: int | None = None,
        gpu_layers: int = 0,
        chat_template: str | None = None,
        verbose: bool = False,
        batch_size: int = 8,
        backend_class: type[LlamaCppBackend],
    ) -> None:
        import numpy as np

        # backend_class: handed in by LlamaCppEngine, so that this module does not import the backend

        self._np = np
        parallel = max(1, min(batch_size, 8))
        self.backend = backend_class(
            model_path,
            n_ctx=n_ctx,
            parallel=parallel,
            # One context: control vectors are applied to context_handles[0] only.
            contexts=1,
            batch_size=batch_size,
            threads=threads or default_threads(),
            gpu_layers=gpu_layers,
            chat_template=chat_template,
            verbose=verbose,
        )
        # Loads the model; a failed load frees whatever it had allocated before raising.
        llama, handle = self.backend.bindings, self.backend.model_handle
        self._llama = llama
        self._ggml = _ggml_lib(llama)
        self.n_layers = int(llama.llama_model_n_layer(handle))
        self.hidden_size = int(llama.llama_model_n_embd(handle))
        self.n_vocab = int(self.backend.n_vocab)
        self.n_ctx = n_ctx
        self._wanted: dict[str, int] = {}
        self._rows: list[int] = []
        self._captured: dict[str, Any] = {}
        self._callback_error: str | None = None
        self._callback = llama.ggml_backend_sched_eval_callback(self._on_tensor)
        params = ContextParams(
            n_ctx=n_ctx,
            n_batch=n_ctx,  # one ubatch per prompt: the callback sees each tensor once, all rows
            threads=self.backend.threads,
            flash_attn=None,
            cb_eval=self._callback,
        )
        self._context = self.backend.new_context(
            params, error=f"steering on llama.cpp: cannot create a {n_ctx}-token context for {model_path}"
        )
        self._ctx = self._context.ctx
        self._tokens: dict[str, tuple[list[int], int]] = {}
        self._closed = False

    # -- identity and tokens ----------------------------------------------------------------------

    def fingerprint(self) -> str:
        return self.backend.fingerprint()

    def token_ids(self, text: str) -> list[int]:
        return self.backend.tokenize(text, add_special=False)

    def _request(self, prompt: SteeringPrompt, max_new_tokens: int = 1) -> GenerationRequest:
        return GenerationRequest(
            messages=prompt.messages,
            system_prompt=prompt.system_prompt,
            settings=GenerationSettings(max_new_tokens=max_new_tokens),
        )

    def _encoded(self, prompt: SteeringPrompt) -> tuple[list[int], int]:
        key = prompt.digest()
        hit = self._tokens.get(key)
        if hit is not None:
            return hit
        request = self._request(prompt)
        tokens = self.backend.prompt_tokens(request)
        text = self.backend.template.render(request.chat())
        end = text.rfind(prompt.text)
        if end < 0:
            raise ConfigError(
                f"steering: the chat template does not contain the prompt text verbatim; cannot locate the "
                f"post-instruction tokens of {prompt.name!r}"
            )
        full = self.backend.tokenize(text, add_special=False)
        head = self.backend.tokenize(text[: end + len(prompt.text)], add_special=False)
        count = len(full) - common_prefix(full, head)
        if count < 1:
            raise ConfigError("steering: the chat template adds no tokens after the user message")
        if len(tokens) > self.n_ctx:
            raise ConfigError(
                f"steering: {prompt.name!r} has {len(tokens)} tokens, more than n_ctx={self.n_ctx}; "
                "raise --overrefusal-steering-model-option n_ctx=..."
            )
        self._tokens[key] = (tokens, count)
        return tokens, count

    def post_instruction_count(self, prompt: SteeringPrompt) -> int:
        return self._encoded(prompt)[1]

    # -- eval callback ----------------------------------------------------------------------------

    def _on_tensor(self, tensor: int, ask: bool, _user: Any) -> bool:
        try:
            raw = self._ggml.ggml_get_name(tensor)
            name = raw.decode("utf-8", "replace") if raw else ""
            if ask:
                return name in self._wanted
            if name not in self._wanted:
                return True
            import numpy as np

            header = _TensorHeader.from_address(tensor)
            width, rows = int(header.ne[0]), int(header.ne[1])
            if header.type == _GGML_F32:
                buf = np.empty(width * rows, dtype=np.float32)
            elif header.type == _GGML_F16:
                buf = np.empty(width * rows, dtype=np.float16)
            else:
                self._callback_error = f"tensor {name} has unsupported ggml type {header.type}"
                return True
            if buf.nbytes != int(self._ggml.ggml_nbytes(tensor)):
                self._callback_error = f"tensor {name} is not contiguous"
                return True
            self._ggml.ggml_backend_tensor_get(tensor, buf.ctypes.data, 0, buf.nbytes)
            self._captured[name] = buf.reshape(rows, width)[self._rows].astype(np.float64)
        except Exception as exc:  # an exception must not cross the C callback boundary
            self._callback_error = f"{type(exc).__name__}: {exc}"
        return True

    # -- control vectors --------------------------------------------------------------------------

    def _set_cvec(self, ctx: Any, steering: Steering | None, alpha: float) -> None:
        llama = self._llama
        if steering is None or alpha == 0:
            llama.llama_set_adapter_cvec(ctx, None, 0, self.hidden_size, -1, -1)
            return
        if not self.min_layer <= steering.layer < self.n_layers:
            raise ConfigError(
                f"steering on llama.cpp: layer {steering.layer} cannot be steered (layers {self.min_layer}.."
                f"{self.n_layers - 1}: a control vector is added to a block's output, and block 0's is not targetable)"
            )
        import numpy as np

        block = steering.layer - 1
        data = np.zeros(self.hidden_size * (self.n_layers - 1), dtype=np.float32)
        offset = self.hidden_size * (block - 1)  # the buffer starts at block 1
        data[offset : offset + self.hidden_size] = alpha * np.asarray(steering.vector, dtype=np.float64)
        pointer = data.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        rc = llama.llama_set_adapter_cvec(ctx, pointer, data.size, self.hidden_size, block, block)
        if rc != 0:
            raise BackendError(f"steering on llama.cpp: llama_set_adapter_cvec failed ({rc})")

    # -- forward passes ---------------------------------------------------------------------------

    def _decode(self, tokens: list[int], names: dict[str, int], rows: list[int]) -> Any:
        """Evaluate one prompt; returns the last token's logits and fills ``self._captured``."""
        import numpy as np

        self._wanted = names
        self._rows = [len(tokens) + r for r in rows]
        self._captured = {}
        self._callback_error = None
        context = self._context
        context.clear()
        for i, token in enumerate(tokens):
            context.add(i, token, i, 0, i == len(tokens) - 1)
        rc = context.decode(len(tokens))
        if rc != 0:
            raise BackendError(f"steering on llama.cpp: llama_decode failed ({rc})")
        if self._callback_error is not None:
            raise BackendError(f"steering on llama.cpp: reading hidden states failed: {self._callback_error}")
        missing = sorted(set(names) - set(self._captured))
        if missing:
            raise BackendError(
                f"steering on llama.cpp: the graph has no tensor {missing[0]!r} (unsupported architecture?)"
            )
        return context.logits(-1, self.n_vocab).astype(np.float64)

    def _check_open(self) -> None:
        if self._closed:
            raise BackendError("steering on llama.cpp: model used after close()")

    def activations(
        self,
        prompts: Sequence[SteeringPrompt],
        layers: Sequence[int],
        positions: Sequence[int],
        steering: Steering | None = None,
        alphas: Sequence[float] | None = None,
    ) -> NDArray[np.float64]:
        self._check_open()
        import numpy as np

        for layer in layers:
            if not 1 <= layer < self.n_layers:
                raise ConfigError(
                    f"steering on llama.cpp: layer {layer} cannot be read (layers 1..{self.n_layers - 1}: "
                    "the output of blocks 0..n-2)"
                )
        if not positions or any(p >= 0 for p in positions):
            raise ConfigError("steering: positions are negative offsets from the end of the prompt (-1 is the last)")
        names = {f"l_out-{layer - 1}": j for j, layer in enumerate(layers)}
        out = np.zeros((len(prompts), len(layers), len(positions), self.hidden_size))
        try:
            for i, prompt in enumerate(prompts):
                tokens, _ = self._encoded(prompt)
                if -min(positions) > len(tokens):
                    raise ConfigError(f"steering: position {min(positions)} is before the start of {prompt.name!r}")
                self._set_cvec(self._ctx, steering, 0.0 if alphas is None else float(alphas[i]))
                self._decode(tokens, names, list(positions))
                for name, j in names.items():
                    out[i, j] = self._captured[name]
        finally:
            self._set_cvec(self._ctx, None, 0.0)
            self._wanted = {}
        return out

    def read(
        self, prompts: Sequence[SteeringPrompt], layers: Sequence[int], positions: Sequence[int]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Activations and first-token log-probabilities from one evaluation per prompt."""
        import numpy as np

        self._check_open()
        if any(not 1 <= layer < self.n_layers for layer in layers) or any(p >= 0 for p in positions):
            return self.activations(prompts, layers, positions), self.next_token_logprobs(prompts)
        names = {f"l_out-{layer - 1}": j for j, layer in enumerate(layers)}
        acts = np.zeros((len(prompts), len(layers), len(positions), self.hidden_size))
        logp = np.zeros((len(prompts), self.n_vocab))
        try:
            for i, prompt in enumerate(prompts):
                tokens, _ = self._encoded(prompt)
                logits = self._decode(tokens, names, list(positions))
                for name, j in names.items():
                    acts[i, j] = self._captured[name]
                top = logits.max()
                logp[i] = logits - top - np.log(np.exp(logits - top).sum())
        finally:
            self._wanted = {}
        return acts, logp

    def next_token_logprobs(
        self,
        prompts: Sequence[SteeringPrompt],
        steering: Steering | None = None,
        alphas: Sequence[float] | None = None,
    ) -> NDArray[np.float64]:
        self._check_open()
        import numpy as np

        out = np.zeros((len(prompts), self.n_vocab))
        try:
            for i, prompt in enumerate(prompts):
                tokens, _ = self._encoded(prompt)
                self._set_cvec(self._ctx, steering, 0.0 if alphas is None else float(alphas[i]))
                logits = self._decode(tokens, {}, [])
                top = logits.max()
                out[i] = logits - top - np.log(np.exp(logits - top).sum())
        finally:
            self._set_cvec(self._ctx, None, 0.0)
        return out

    def generate(
        self,
        prompts: Sequence[SteeringPrompt],
        *,
        max_new_tokens: int,
        steering: Steering | None = None,
        alpha: float = 0.0,
    ) -> list[str]:
        self._check_open()
        ctx = self.backend.context_handles[0]
        requests = [self._request(p, max_new_tokens) for p in prompts]
        try:
            self._set_cvec(ctx, steering, alpha)
            generations = self.backend.generate(requests)
        finally:
            self._set_cvec(ctx, None, 0.0)
        failed = [g.error for g in generations if g.error is not None]
        if failed:
            raise BackendError(f"steering on llama.cpp: generation failed: {failed[0]}")
        return [g.text for g in generations]

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        # The context is freed with the backend's weights, before them (context.Weights).
        self.backend.close()
