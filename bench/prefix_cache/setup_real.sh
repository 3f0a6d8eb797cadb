#!/usr/bin/env bash
# Opt-in set-up for the real-engine prefix-cache benchmark (bench/prefix_cache/real_engine.py).
#
# Builds llama-cpp-python[server] from its sdist (CPU only; ~5 minutes on 2 cores) and installs `gguf`
# into the project venv, constrained by constraints.txt so no pinned dependency of the gateway moves.
# Needs a C/C++ compiler and cmake (Debian: apt-get install -y build-essential cmake). Idempotent: does
# nothing when both are already importable.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
LLAMA_CPP_PYTHON_VERSION="${LLAMA_CPP_PYTHON_VERSION:-0.3.36}"
GGUF_VERSION="${GGUF_VERSION:-0.19.0}"

if [ ! -x "$PY" ]; then
    echo "no $PY: run 'make install' first" >&2
    exit 1
fi
if "$PY" -c "import llama_cpp, llama_cpp.server, gguf" 2>/dev/null; then
    echo "llama-cpp-python and gguf already installed: $("$PY" -c 'import llama_cpp; print(llama_cpp.__version__)')"
    exit 0
fi
for tool in cc c++ cmake; do
    command -v "$tool" >/dev/null 2>&1 || { echo "need '$tool' on PATH (apt-get install -y build-essential cmake)" >&2; exit 1; }
done

export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
# CPU build; no BLAS, no GPU back-ends. Examples/tests/tools of llama.cpp are not needed.
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=ON -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF}"
echo "building llama-cpp-python==$LLAMA_CPP_PYTHON_VERSION from the sdist (CMAKE_ARGS=$CMAKE_ARGS) ..."
start=$(date +%s)
"$VENV/bin/pip" install -c constraints.txt --no-binary llama-cpp-python \
    "llama-cpp-python[server]==$LLAMA_CPP_PYTHON_VERSION" "gguf==$GGUF_VERSION"
"$PY" -c "import llama_cpp, llama_cpp.server, gguf; print('llama-cpp-python', llama_cpp.__version__, '+ gguf ok')"
echo "done in $(( $(date +%s) - start )) s"
