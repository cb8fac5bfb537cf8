#!/usr/bin/env bash
# CTest checks of rtm-demo's command line: rtm-demo-checks.sh DEMO CHECK WORKDIR
#   attribute-defaults  --ns3::RtmRipAgent::UnsolicitedRoutingUpdate changes the run (and the
#                       demo's own 10 s default is exactly what it runs with otherwise)
#   bad-times           inconsistent times are refused with a message (exit 2)
#   unwritable-out      an --out that cannot be written is reported (exit 1, no crash)
#   agent-both          --agent=both runs both agents
#   scenario-file       --scenario=FILE replaces the default failure; a bad file is refused
#   none-label          a node labelled "None" (as in several Zoo maps) is named by index and id
set -uo pipefail
demo=$1
check=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
short=(--failAt=20 --recoverAt=40 --stopAt=70 --settle=10)
fail() { echo "FAIL: $*"; exit 1; }
# run NAME ARGS...: stdout to NAME.out (the output-folder line dropped), stderr to NAME.err
run() {
  local name=$1
  shift
  "$demo" "$@" > "$name.raw" 2> "$name.err"
  local rc=$?
  grep -v '^=== output in' "$name.raw" > "$name.out"
  return $rc
}
case "$check" in
  attribute-defaults)
    run default "${short[@]}" --out=o1 || fail "default run: $(cat default.err)"
    run same "${short[@]}" --out=o2 --ns3::RtmRipAgent::UnsolicitedRoutingUpdate=10s \
      || fail "10s run: $(cat same.err)"
    run slow "${short[@]}" --out=o3 --ns3::RtmRipAgent::UnsolicitedRoutingUpdate=30s \
      || fail "30s run: $(cat slow.err)"
    cmp -s default.out same.out || fail "the demo does not run with its documented 10 s default"
    cmp -s default.out slow.out && fail "--ns3::RtmRipAgent::UnsolicitedRoutingUpdate=30s changed nothing"
    echo "ok: the command-line attribute default changes the run"
    ;;
  bad-times)
    for args in "--failAt=100 --recoverAt=50" "--stopAt=0" "--recoverAt=500" "--settle=0"; do
      # shellcheck disable=SC2086
      run bad $args --out=o
      rc=$?
      [ $rc -eq 2 ] || fail "$args: exit code $rc, expected 2"
      grep -q "rtm-demo: need" bad.err || fail "$args: no clear message: $(cat bad.err)"
    done
    echo "ok: inconsistent times are refused"
    ;;
  unwritable-out)
    touch not-a-folder
    run out "${short[@]}" --out=not-a-folder/sub
    rc=$?
    [ $rc -eq 1 ] || fail "exit code $rc, expected 1"
    grep -q "rtm-demo: --out=not-a-folder/sub" out.err || fail "no clear message: $(cat out.err)"
    echo "ok: $(cat out.err)"
    ;;
  agent-both)
    run both "${short[@]}" --agent=both --out=o || fail "$(cat both.err)"
    grep -q "agent both" both.out || fail "no 'agent both' in the report"
    echo "ok: --agent=both ran"
    ;;
  scenario-file)
    printf '# two failures\n10s link-down 0 1\n25 link-up 0 1\n30s node-down 3\n45s node-up 3\n' > good.txt
    run good --stopAt=70 --settle=10 --scenario=good.txt --out=o || fail "$(cat good.err)"
    grep -q "4 events from good.txt" good.out || fail "the file's events were not used"
    printf '10s link-sideways 0 1\n' > bad.txt
    run bad --stopAt=70 --scenario=bad.txt --out=o
    rc=$?
    [ $rc -eq 2 ] || fail "bad file: exit code $rc, expected 2"
    grep -q "bad.txt:1" bad.err || fail "bad file: no message naming the line: $(cat bad.err)"
    printf '100s link-down 0 1\n' > late.txt
    run late --stopAt=70 --scenario=late.txt --out=o
    [ $? -eq 2 ] || fail "an event after --stopAt was accepted"
    echo "ok: --scenario=FILE"
    ;;
  none-label)
    cat > none.graphml <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="label" attr.type="string" for="node" id="d0" />
  <graph edgedefault="undirected">
    <node id="0"><data key="d0">None</data></node>
    <node id="1"><data key="d0">Kingston</data></node>
    <node id="2"><data key="d0">None</data></node>
    <edge source="0" target="1" />
    <edge source="1" target="2" />
    <edge source="2" target="0" />
  </graph>
</graphml>
XML
    run none "${short[@]}" --map=none.graphml --out=o || fail "$(cat none.err)"
    grep -q "=== scenario: link node 0 (id 0) - Kingston" none.out \
      || fail "node 0 not named by id: $(grep '=== scenario' none.out)"
    echo "ok: $(grep '=== scenario' none.out)"
    ;;
  *)
    fail "unknown check $check"
    ;;
esac
