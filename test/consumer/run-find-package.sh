#!/usr/bin/env bash
# CTest: build test/consumer against the installed package with find_package(ns3-rtm), run it.
#   run-find-package.sh PREFIX WORKDIR CMAKE
set -euo pipefail
prefix=$1
work=$2
cmake=$3
src=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
"$cmake" -S "$src" -B "$work" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release
"$cmake" --build "$work" -j2
# the data must come from the install prefix, not from this source tree
RTM_DATA_DIR="$prefix/share/ns3-rtm/data" "$work/rtm-consumer"
"$work/rtm-count-to-infinity" --stopTime=40 > "$work/lab.out"
grep -q "infinity 16" "$work/lab.out"
echo "ok: the consumer and a lab built against the installed package run"
