#!/usr/bin/env bash
# ns3-rtm: speed-up of the link-state agent on ns-3's distributed simulator. Runs rtm-distributed
# on a 40x40 grid and on a generated Internet-like graph of 1600 nodes (Barabasi-Albert, m = 2):
# sequentially, then on 2 ranks under DistributedSimulatorImpl and NullMessageSimulatorImpl; cold
# start, a link failure at 30 s and its recovery at 45 s, 61 s simulated (tables at 60 s). Prints each rank's wall
# time in Simulator::Run, peak memory, events and packets crossing ranks, the speed-up (sequential
# wall / slowest rank's wall) and whether the final tables equal the sequential run's.
# Usage: bench-distributed.sh RTM-DISTRIBUTED [WORKDIR]   (not part of CI: minutes per run)
set -euo pipefail
bin=$1
work=${2:-/tmp/rtm-bench-distributed}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader
common=(--agent=ospf --failAt=30 --recoverAt=45 --stopAt=61 --snapshot=60)
rm -rf "$work"
mkdir -p "$work"
slowest() { awk '$1 ~ /^[0-9]+$/ && NF == 6 { if ($5 > m) m = $5 } END { print m }' "$1"; }
for topo in --grid=40x40 --internet=1600; do
    name=${topo#--}
    name=${name//=/-}
    "$bin" --impl=seq "$topo" "${common[@]}" --out="$work/$name-seq" > "$work/$name-seq.log"
    seq=$(slowest "$work/$name-seq.log")
    echo "== $name: sequential, Run wall $seq s"
    sed -n '/^rank  nodes/,$p' "$work/$name-seq.log"
    for impl in distributed nullmsg; do
        out=$work/$name-$impl-2
        mpirun -np 2 "$bin" --impl="$impl" "$topo" "${common[@]}" --out="$out" > "$out.log"
        par=$(slowest "$out.log")
        same=differ
        cmp -s "$work/$name-seq/tables.csv" "$out/tables.csv" && same=identical
        echo "== $name: $impl on 2 ranks, slowest rank $par s, speed-up" \
            "$(awk -v a="$seq" -v b="$par" 'BEGIN { printf "%.2f", a / b }')x, final tables $same"
        grep -E '^(partition|rank sizes|links cut|lookahead)' "$out.log" | sed 's/^/   /'
        sed -n '/^rank  nodes/,$p' "$out.log"
    done
done
