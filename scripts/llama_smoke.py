"""Does the installed llama-cpp-python build run on this CPU? Exit 0 if it decodes, 1 if not.

ggml compiles with ``-march=native``, so a build can use instructions that this machine's CPU reports
but cannot execute (AMX on some virtual machines), or a wheel from pip's cache may come from another
CPU. Either dies with SIGILL on the first matrix multiplication, which would take the test suite down
with it; the Makefile runs this check after installing and rebuilds once if it fails. The model runs in
a child process so that a crash is a result here, not the end of this script.
"""

from __future__ import annotations

import subprocess
import sys

CHILD = """
from llama_cpp import Llama
from pytest_overrefusal.backends.embedded import embedded_model_path
llm = Llama(model_path=str(embedded_model_path()), n_ctx=128, n_threads=1, verbose=False)
out = llm.create_completion("The capital of France is", max_tokens=4, temperature=0.0)
assert isinstance(out["choices"][0]["text"], str)
"""


def main() -> int:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        print("llama_smoke: llama-cpp-python is not installed; nothing to check")
        return 0
    proc = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=300)
    if proc.returncode == 0:
        print("llama_smoke: the llama.cpp build runs on this CPU")
        return 0
    reason = f"signal {-proc.returncode}" if proc.returncode < 0 else f"exit {proc.returncode}"
    print(f"llama_smoke: the llama.cpp build fails on this CPU ({reason}): {proc.stderr.strip()[-400:]}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
