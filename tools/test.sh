#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install what is missing, build, run every test (CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 900
