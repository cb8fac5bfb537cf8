#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install what is missing, build, run the main demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh
exec ./build/examples/rtm-demo "$@"
