#!/usr/bin/env bash
# Opt-in set-up for the real-engine prefix-cache benchmark (bench/prefix_cache/real_engine.py).
#
# Builds llama.cpp's `llama-server` (CPU only) from the llama.cpp sources that the llama-cpp-python sdist
# vendors, and keeps them (the sources' `gguf-py` writes the benchmark's model) under $LLAMA_TOOLS
# (default: .tools/llama, gitignored). Nothing is installed into the venv; the only download is the sdist,
# through pip. Idempotent: a rerun with the binary present does nothing.
#
# Needs a C/C++ compiler and cmake (Debian: apt-get install -y build-essential cmake). ~10-20 min on 2
# shared cores. Prints the directory on its last line.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV="${VENV:-.venv}"
LLAMA_TOOLS="${LLAMA_TOOLS:-.tools/llama}"
LLAMA_CPP_PYTHON_VERSION="${LLAMA_CPP_PYTHON_VERSION:-0.3.36}"
SRC="$LLAMA_TOOLS/llama_cpp_python-$LLAMA_CPP_PYTHON_VERSION/vendor/llama.cpp"
BIN="$LLAMA_TOOLS/bin/llama-server"

if [ -x "$BIN" ] && [ -d "$SRC/gguf-py" ]; then
    echo "llama-server already built: $BIN"
    echo "$LLAMA_TOOLS"
    exit 0
fi
for tool in cc c++ cmake; do
    command -v "$tool" >/dev/null 2>&1 || { echo "need '$tool' on PATH (apt-get install -y build-essential cmake)" >&2; exit 1; }
done
mkdir -p "$LLAMA_TOOLS/bin"
start=$(date +%s)
if [ ! -d "$SRC" ]; then
    SDIST="$LLAMA_TOOLS/llama_cpp_python-$LLAMA_CPP_PYTHON_VERSION.tar.gz"
    if [ ! -f "$SDIST" ]; then
        "$VENV/bin/pip" download --no-deps --no-binary :all: "llama-cpp-python==$LLAMA_CPP_PYTHON_VERSION" -d "$LLAMA_TOOLS"
    fi
    tar -C "$LLAMA_TOOLS" -xzf "$SDIST"
fi
# CPU build, no BLAS, no GPU back-ends, no web UI download, no HTTPS; only the server target.
cmake -S "$SRC" -B "$LLAMA_TOOLS/build" -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON -DBUILD_SHARED_LIBS=OFF \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON \
    -DLLAMA_BUILD_APP=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_CURL=OFF \
    -DLLAMA_BUILD_HTML=OFF >/dev/null
cmake --build "$LLAMA_TOOLS/build" --target llama-server -j "${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
cp "$(find "$LLAMA_TOOLS/build" -name llama-server -type f -perm -u+x | head -1)" "$BIN"
"$BIN" --version 2>&1 | head -2 || true
echo "built in $(( $(date +%s) - start )) s"
echo "$LLAMA_TOOLS"
