#!/usr/bin/env bash
# CTest: compile test/consumer/rtm-consumer.cc with the flags of the installed ns3-rtm.pc, run it.
#   run-pkg-config.sh PREFIX WORKDIR CXX
set -euo pipefail
prefix=$1
work=$2
cxx=$3
src=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
pkg-config --exists --print-errors ns3-rtm
echo "cflags: $(pkg-config --cflags ns3-rtm)"
echo "libs:   $(pkg-config --libs ns3-rtm)"
# shellcheck disable=SC2046
"$cxx" -std=c++17 -O1 "$src/rtm-consumer.cc" -o "$work/rtm-consumer" \
  $(pkg-config --cflags --libs ns3-rtm) -Wl,-rpath,"$(pkg-config --variable=libdir ns3-rtm)"
"$work/rtm-consumer"
