#!/usr/bin/env bash
# Builds ns3-rtm inside the ns-3.35 release as contrib/rtm through its wscript (waf; release,
# --disable-werror as ns-3.35's own core needs with GCC 12; examples on), then runs every one of
# the module's GoogleTest cases (the program rtm-gtests; with RTM_INTREE_NS3_TESTS=1, ns-3's tests
# are enabled and the cases run as the ns-3 test suite "rtm" through ./test.py) and the main demo.
# The tree is unpacked fresh from ../shared/ns-3/ns-3.35-core.tar.xz (RTM_NS3_35_TARBALL) into
# build-intree/work/ (RTM_INTREE_DIR). As root on Debian 12, installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
source tools/intree-common.sh
tarball=${RTM_NS3_35_TARBALL:-$repo/../shared/ns-3/ns-3.35-core.tar.xz}
work=${RTM_INTREE_DIR:-$repo/build-intree/work}
jobs=$(nproc)

rtm_need_packages g++ python3 xz-utils libgtest-dev libboost-graph-dev libmetis-dev
map=$(rtm_demo_map "$repo")
tree=$(rtm_unpack "$tarball" "$work")
rtm_copy_module "$repo" "$tree/contrib/rtm"
cd "$tree"
log=$tree/intree.log
: > "$log"
# quiet: the step's output goes to the log, shown in full when the step fails.
quiet()
{
    "$@" >> "$log" 2>&1 || { tail -n 80 "$log"; echo "intree-ns3.35: failed: $*"; return 1; }
}

# RTM_INTREE_NS3_TESTS=1: with ns-3's tests (--enable-tests: every module's test suites are
# built), the module's cases run through ./test.py --suite=rtm; by default only rtm's cases are
# built, as the program rtm-gtests, which runs them all.
if [ "${RTM_INTREE_NS3_TESTS:-0}" = 1 ]; then tests=--enable-tests; else tests=--disable-tests; fi
rtm_step "ns-3.35 configure" quiet python3 ./waf configure -d release --disable-werror \
    --enable-modules=rtm --disable-python --enable-examples "$tests"
rtm_step "ns-3.35 build" quiet python3 ./waf build -j"$jobs"
if [ "$tests" = --enable-tests ]; then
    rtm_step "ns-3.35 test.py --suite=rtm" python3 ./test.py --nowaf --verbose --suite=rtm
else
    # (run directly: waf --run-no-build needs src/visualizer, which the trimmed tree lacks)
    run_gtests()
    {
        LD_LIBRARY_PATH=$tree/build/lib build/contrib/rtm/ns3.35-rtm-gtests --gtest_brief=1 \
            > "$tree/gtests.log" 2>&1 || { tail -n 200 "$tree/gtests.log"; return 1; }
        tail -n 2 "$tree/gtests.log"
    }
    rtm_step "ns-3.35 rtm-gtests" run_gtests
fi
rtm_step "ns-3.35 rtm-demo" env LD_LIBRARY_PATH="$tree/build/lib" \
    build/contrib/rtm/examples/ns3.35-rtm-demo --map="$map" --out="$tree/rtm-demo-output"
ls "$tree"/rtm-demo-output/*.csv > /dev/null
echo "intree-ns3.35: ok"
