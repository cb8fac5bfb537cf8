#!/usr/bin/env bash
# The whole test suite built with AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer
# (on by default with ASan) in its own build folder, build-asan, and run there by CTest. Any
# sanitizer report makes its test fail (ASan and UBSan abort, LSan exits non-zero), so this
# script fails. Debian's libns3 is not instrumented: errors inside ns-3 itself go unseen, calls
# into it are checked. Suppressions (tools/sanitizer/*.supp) may name only ns-3, never our code.
#
#   bash tools/sanitize.sh            # build (incremental) and run every test
#   RTM_SANITIZE_EXCLUDE=slow bash tools/sanitize.sh   # leave out tests with a CTest label
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${RTM_SANITIZE_BUILD:-build-asan}
jobs=${RTM_JOBS:-$(nproc)}
launcher=()
if command -v ccache > /dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
# -O1, as the sanitizers' manuals advise: quick to build, still fast enough to run
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1" -DRTM_SANITIZE=ON \
  "${launcher[@]}" > /dev/null
# gtest_discover_tests lists the tests by running the binary: that run is sanitized too
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1:strict_init_order=1:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1"
export LSAN_OPTIONS="suppressions=$root/tools/sanitizer/lsan.supp:print_suppressions=0"
# what CTest runs: the library, the test binary and the demo (the determinism test); the
# benchmarks and the other examples are left out of this build
cmake --build "$build" -j"$jobs" --target rtm-gtests rtm-demo
exclude=()
if [ -n "${RTM_SANITIZE_EXCLUDE:-}" ]; then
  exclude=(-LE "$RTM_SANITIZE_EXCLUDE")
fi
# The tests that drive programs not built here (tshark over the examples' captures, the map sweep,
# the install consumers, the attribute reference, the real daemons) run in the normal build only.
others='^(rtm-tshark-check|rtm-zoo-sweep-subset|RtmInstall\..*|RtmDoc\..*|rtm-interop-check.*)$'
cd "$build"
ctest --output-on-failure -j"$jobs" --timeout 1800 -E "$others" "${exclude[@]}"
