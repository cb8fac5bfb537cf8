#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/) with clang, AddressSanitizer, UndefinedBehaviorSanitizer
# and LeakSanitizer in ./build-fuzz, then runs each for a bounded time from its seed corpus
# (fuzz/corpus/<name>, copied to a temporary folder: the repository is not written to) and its
# dictionary fuzz/<name>.dict if there is one.
# Fails on any crash, leak, timeout, sanitizer report or model mismatch; the input that caused it
# is kept in build-fuzz/findings/<name>/.
#
# Environment: FUZZ_SECONDS (per harness, default 45), FUZZ_JOBS (build jobs, default nproc, at
# most 2), FUZZ_ONLY (space-separated harness names, default all).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${FUZZ_SECONDS:-45}
jobs=${FUZZ_JOBS:-$(nproc)}
if [ "$jobs" -gt 2 ]; then jobs=2; fi

# clang and the libFuzzer runtime (Debian 12: clang-14, libclang-rt-14-dev)
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' \
    > "$probe/p.cc"
if ! clang++ -fsanitize=fuzzer,address,undefined "$probe/p.cc" -o "$probe/p" 2> /dev/null; then
    echo "fuzz: installing clang and the libFuzzer runtime"
    if [ "$(id -u)" -ne 0 ]; then
        echo "fuzz: clang++ -fsanitize=fuzzer does not work and this is not root" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq > /dev/null
    apt-get install -y -qq clang libclang-rt-14-dev > /dev/null
    clang++ -fsanitize=fuzzer,address,undefined "$probe/p.cc" -o "$probe/p"
fi

start=$(date +%s)
cmake_args=(-S fuzz -B build-fuzz)
if command -v ccache > /dev/null && [ -n "${CCACHE_DIR:-}" ]; then
    cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
mkdir -p build-fuzz
blog=build-fuzz/build.log
CC=clang CXX=clang++ cmake "${cmake_args[@]}" > "$blog" 2>&1 || { cat "$blog"; exit 1; }
cmake --build build-fuzz -j"$jobs" >> "$blog" 2>&1 || { tail -50 "$blog"; exit 1; }
echo "fuzz: build $(($(date +%s) - start)) s (log in $blog)"

names=${FUZZ_ONLY:-$(cd fuzz && ls rtm-fuzz-*.cc | sed 's/^rtm-fuzz-//; s/\.cc$//')}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
work=$(mktemp -d)
trap 'rm -rf "$probe" "$work"' EXIT
failed=0
for name in $names; do
    bin="build-fuzz/rtm-fuzz-$name"
    corpus="$work/$name"
    mkdir -p "$corpus" "build-fuzz/findings/$name"
    if [ -d "fuzz/corpus/$name" ]; then
        find "fuzz/corpus/$name" -maxdepth 1 -type f ! -name README.md -exec cp {} "$corpus/" \;
    fi
    dict=()
    if [ -f "fuzz/$name.dict" ]; then dict=(-dict="fuzz/$name.dict"); fi
    log="build-fuzz/findings/$name/fuzz.log"
    t0=$(date +%s)
    rc=0
    "$bin" "$corpus" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
        -detect_leaks=1 -print_final_stats=1 "${dict[@]}" \
        -artifact_prefix="$root/build-fuzz/findings/$name/" > "$log" 2>&1 || rc=$?
    t1=$(date +%s)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ "$rc" -ne 0 ]; then
        failed=1
        echo "fuzz: $name FAILED (exit $rc) after $((t1 - t0)) s, ${execs:-?} execs;" \
            "input in build-fuzz/findings/$name/:"
        grep -E "^(==[0-9]+==ERROR|SUMMARY|.*runtime error|rtm-fuzz-[a-z0-9-]+:|.*Test unit written)" \
            "$log" | head -12 || true
    else
        echo "fuzz: $name ok: $((t1 - t0)) s, ${execs:-?} execs, corpus $(ls "$corpus" | wc -l) inputs"
    fi
done
echo "fuzz: total $(($(date +%s) - start)) s"
exit "$failed"
