#!/usr/bin/env bash
# Builds the module and runs one program of scratch/ (or examples/):
#   bash tools/run.sh scratch/my-first-scenario.cc [program arguments]
# Every scratch/<name>.cc is the program build/scratch/<name>.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  echo "usage: bash tools/run.sh scratch/<name>.cc [arguments]" >&2
  exit 2
fi
src=$1
shift
name=$(basename "$src" .cc)
case "$src" in
  scratch/*|./scratch/*) target=scratch_$name; program=build/scratch/$name ;;
  examples/*|./examples/*) target=$name; program=build/examples/$name ;;
  *) echo "run.sh: $src is neither in scratch/ nor in examples/" >&2; exit 2 ;;
esac
[ -f "$src" ] || { echo "run.sh: no such file: $src" >&2; exit 2; }
bash tools/setup.sh
[ -f build/CMakeCache.txt ] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > build.log 2>&1 \
  || { cat build.log; exit 1; }
# (re)configure so that a new file in scratch/ is seen, then build just that program
cmake build > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j"$(nproc)" --target "$target" >> build.log 2>&1 || { tail -50 build.log; exit 1; }
exec "./$program" "$@"
