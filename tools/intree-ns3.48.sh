#!/usr/bin/env bash
# Builds ns3-rtm inside the ns-3.48 release as contrib/rtm (CMake; release, warnings as errors,
# examples and tests of rtm only; with MPI and ns-3's mpi module, for the distributed runs), then
# runs the module's GoogleTest cases (CTest), the ns-3 test suite "rtm" (./test.py), the main demo
# and the distributed runs against the sequential one (CTest label mpi: rtm-mpi-identity). The tree is unpacked fresh from
# ../shared/ns-3/ns-3.48-core.tar.xz (RTM_NS3_48_TARBALL) into build-intree/work/
# (RTM_INTREE_DIR); nothing is kept from an earlier run. As root on Debian 12, installs what is
# missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
source tools/intree-common.sh
tarball=${RTM_NS3_48_TARBALL:-$repo/../shared/ns-3/ns-3.48-core.tar.xz}
work=${RTM_INTREE_DIR:-$repo/build-intree/work}
jobs=$(nproc)

rtm_need_packages cmake g++ make python3 xz-utils libgtest-dev libboost-graph-dev libmetis-dev \
    libopenmpi-dev openmpi-bin
map=$(rtm_demo_map "$repo")
tree=$(rtm_unpack "$tarball" "$work")
rtm_copy_module "$repo" "$tree/contrib/rtm"
cd "$tree"
log=$tree/intree.log
: > "$log"
# quiet: the step's output goes to the log, shown in full when the step fails.
quiet()
{
    "$@" >> "$log" 2>&1 || { tail -n 80 "$log"; echo "intree-ns3.48: failed: $*"; return 1; }
}

rtm_step "ns-3.48 configure" quiet cmake -S . -B cmake-cache -DCMAKE_BUILD_TYPE=release \
    -DNS3_MPI=ON "-DNS3_ENABLED_MODULES=rtm;mpi" -DNS3_EXAMPLES=ON -DNS3_TESTS=ON -DNS3_WARNINGS_AS_ERRORS=ON \
    -DNS3_FILTER_MODULE_EXAMPLES_AND_TESTS=rtm
# Everything configured: the libraries rtm needs, rtm's library, examples and test library,
# rtm-gtests and the test-runner (the filter keeps the other modules' tests and examples out).
rtm_step "ns-3.48 build" quiet cmake --build cmake-cache -j"$jobs"
# The GoogleTest cases one by one (the ctest-* entries are ns-3's runs of each example with no
# arguments, not tests of the module).
gtests()
{
    (cd cmake-cache/contrib/rtm &&
        ctest -E '^ctest-' -LE mpi -j"$jobs" --timeout 900 --output-on-failure \
            > "$tree/ctest.log" 2>&1) ||
        { grep -v 'Passed' "$tree/ctest.log" | tail -n 200; return 1; }
    tail -n 3 "$tree/ctest.log"
}
rtm_step "ns-3.48 rtm-gtests (CTest)" gtests
rtm_step "ns-3.48 test.py --suite=rtm" python3 ./test.py --no-build --suite=rtm
demo=$(find build -type f -name 'ns3.48-rtm-demo*' -perm -u+x | head -1)
[ -n "$demo" ] || { echo "intree-ns3.48: rtm-demo was not built"; exit 1; }
rtm_step "ns-3.48 rtm-demo" "$demo" --map="$map" --out="$tree/rtm-demo-output"
ls "$tree"/rtm-demo-output/*.csv > /dev/null
# The distributed runs: sequential, 2 and 4 ranks, both distributed simulators (label mpi).
mpitests()
{
    # (no test with the label is an error: the examples must have been built with MPI)
    (cd cmake-cache/contrib/rtm && ctest -L mpi --no-tests=error --timeout 1200 \
        --output-on-failure -V > "$tree/ctest-mpi.log" 2>&1) ||
        { tail -n 200 "$tree/ctest-mpi.log"; echo "intree-ns3.48: MPI tests failed"; return 1; }
    grep -E '(ok   |FAIL )' "$tree/ctest-mpi.log" | sed 's/^[0-9]*: //' || true
    tail -n 3 "$tree/ctest-mpi.log"
}
rtm_step "ns-3.48 MPI identity (CTest label mpi)" mpitests
echo "intree-ns3.48: ok"
