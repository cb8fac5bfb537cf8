#!/usr/bin/env bash
# ns3-rtm: the main demo's scenario (the Abilene map, cold start, a link failure at 60 s and its
# recovery at 150 s) run sequentially and on 2 and 4 MPI ranks under both of ns-3's distributed
# simulators, for the link-state and the distance-vector agent. Passes when, for every run:
#   - tables.csv (every node's best routes every 10 s, merged from the ranks) is byte-identical to
#     the sequential run's;
#   - changes.csv (every RTM change, merged) equals the sequential run's in canonical order (rows
#     of one time ordered by node: RtmTraceMerge), and, where no two nodes change at one time,
#     as the sequential run wrote it;
#   - rank 0's convergence summary (convergence time, best-route changes, messages summed over
#     the ranks, route check and data-plane walk on the merged snapshots) equals the sequential
#     run's, and the sequential one is clean (settled, routes on shortest paths, no loop or hole);
#   - more ranks than nodes, and an unknown simulator, are refused before the run with a message.
# Usage: rtm-mpi-identity.sh RTM-DISTRIBUTED RTM-MERGE-TRACES WORKDIR
set -euo pipefail
bin=$1
merge=$2
work=$3
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# no network interface probing beyond loopback: the ranks run on this host only
export OMPI_MCA_btl=self,vader OMPI_MCA_rmaps_base_oversubscribe=1
command -v mpirun > /dev/null || { echo "rtm-mpi-identity: mpirun not found (openmpi-bin)"; exit 1; }
# summary LOG: rank 0's convergence table (RtmSnapshotMonitor on the merged files)
summary()
{
    sed -n '/^=== convergence of all nodes/,$p' "$1"
}
rm -rf "$work"
mkdir -p "$work"
fail=0
for agent in ospf rip; do
    seq=$work/$agent-seq
    "$bin" --impl=seq --agent="$agent" --out="$seq" > "$seq.log" 2>&1 ||
        { cat "$seq.log"; exit 1; }
    "$merge" "$seq/changes.canonical.csv" "$seq/changes.csv" > /dev/null
    summary "$seq.log" > "$seq.summary"
    # the sequential run's own verdict: 3 epochs, each settled, routes ok, no loop, no black hole
    if [ "$(awk '$1 ~ /^[0-9]+$/ && NF >= 10 && $6 == "yes" && $7 == "ok" && $8 == 0 &&
                $9 == 0' "$seq.summary" | wc -l)" = 3 ]; then
        echo "ok   $agent sequential: every epoch settled, routes on shortest paths, no loop or hole"
    else
        cat "$seq.summary"
        echo "FAIL $agent sequential: the convergence summary is not clean"
        fail=1
    fi
    for impl in distributed nullmsg; do
        for np in 2 4; do
            run=$work/$agent-$impl-$np
            mpirun -np "$np" "$bin" --impl="$impl" --agent="$agent" --out="$run" > "$run.log" 2>&1 ||
                { cat "$run.log"; echo "FAIL $agent $impl $np ranks: the run failed"; fail=1; continue; }
            rows=$(($(wc -l < "$run/tables.csv") - 1))
            if cmp -s "$seq/tables.csv" "$run/tables.csv" && [ "$rows" -gt 0 ]; then
                echo "ok   $agent $impl $np ranks: tables.csv identical ($rows rows)"
            else
                echo "FAIL $agent $impl $np ranks: tables.csv differs from the sequential run"
                diff "$seq/tables.csv" "$run/tables.csv" | head -n 20 || true
                fail=1
            fi
            if summary "$run.log" | cmp -s "$seq.summary" -; then
                echo "ok   $agent $impl $np ranks: rank 0's convergence summary equals the sequential run's"
            else
                echo "FAIL $agent $impl $np ranks: rank 0's convergence summary differs"
                summary "$run.log" | diff "$seq.summary" - | head -n 20 || true
                fail=1
            fi
            if cmp -s "$seq/changes.canonical.csv" "$run/changes.csv"; then
                same=canonical
                cmp -s "$seq/changes.csv" "$run/changes.csv" && same="as written"
                echo "ok   $agent $impl $np ranks: changes.csv identical ($same order)"
            else
                echo "FAIL $agent $impl $np ranks: changes.csv differs from the sequential run"
                diff "$seq/changes.canonical.csv" "$run/changes.csv" | head -n 20 || true
                fail=1
            fi
        done
    done
done
# Bad input: a 2-node grid on 4 ranks (a rank would be empty), refused before the run.
if mpirun -np 4 "$bin" --impl=distributed --grid=1x2 --out="$work/bad" > "$work/bad.log" 2>&1; then
    echo "FAIL 4 ranks for 2 nodes was accepted"
    fail=1
elif [ "$(grep -c "cannot spread 2 vertices over 4 ranks" "$work/bad.log")" = 1 ]; then
    echo "ok   4 ranks for 2 nodes refused: $(grep -m1 'cannot spread' "$work/bad.log")"
else
    cat "$work/bad.log"
    echo "FAIL 4 ranks for 2 nodes: no clear message, once (rank 0's)"
    fail=1
fi
exit $fail
