#!/usr/bin/env bash
# The simulated RTM routers talk to a real routing daemon: examples/rtm-interop runs in real time
# inside a network namespace this script creates, its router S0 on a tap device whose kernel side
# is the daemon's interface; FRR (Debian's frr, installed when missing) runs zebra and the
# protocol daemon in the same namespace, with its own config, pid, socket and log paths in a
# temporary folder. Shown, read from the daemon (vtysh) and from the RTM tables the example
# prints:
#  1. the daemon learns every simulated network with the right metric (RIP: hops + 1);
#  2. every simulated router learns the daemon's stub network (RIP: S0 2, S1 3, ...);
#  3. the link S1-S2 fails (--fail-at): the daemon withdraws the networks behind it and the
#     routers beyond it lose the stub network; it comes back (--restore-at): all of 1 and 2 again;
#  4. the daemon's log has no complaint about what the agent sent (e.g. "Next hop ... is not
#     directly reachable").
# Only addresses on the links made here are used (10.254.0.0/16); the namespace, its devices and
# the daemons are removed on every exit path.
#
# Usage: rtm-interop-check.sh BUILD_DIR [rip]   (as root; the protocol is rip, ospf later)
# Exits 0 on success, 1 on a failed check, 77 (skip) where namespaces or taps cannot be made or
# FRR cannot be installed. RTM_INTEROP_KEEP=1 keeps the temporary folder (logs) for a look.
set -euo pipefail
build="$(cd "${1:?usage: rtm-interop-check.sh BUILD_DIR [rip]}" && pwd)"
proto="${2:-rip}"
example="$build/examples/rtm-interop"

# ---- the scenario (seconds of the example's run, which is real time) ---------------------------
routers=4         # S0 .. S3 in a line
fail_at=25        # link 1 (S1-S2) fails ...
restore_at=45     # ... and comes back
stop_at=65        # the example ends
tap=rtmtap0       # in the namespace, so the name cannot clash
sim_address=10.254.0.1/30    # S0 on the tap link
daemon_address=10.254.0.2/30 # the daemon's side of the tap
base=10.254.1.0              # the simulated links: 10.254.1.0/30, .4/30, .8/30
stub=10.254.9.1/24           # the daemon's own network, for the RTM to learn
stub_net=10.254.9.0/24

skip() {
  echo "SKIP: $*"
  exit 77
}
note() { echo "interop-check: $*"; }
problems=0
fail() {
  echo "FAIL: $*"
  problems=$((problems + 1))
}

case "$proto" in
  rip) ;;
  *) echo "unknown protocol $proto (rip)"; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces, a tap device, FRR)"
[ -x "$example" ] || skip "$example is not built (ns-3 without fd-net-device?)"
command -v ip > /dev/null || skip "no ip (iproute2)"

# ---- FRR ----------------------------------------------------------------------------------------
frr=/usr/lib/frr
install_packages() {
  command -v apt-get > /dev/null || return 1
  note "installing $*"
  # Debian starts a package's service on install; FRR's must not run outside the namespace
  local guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' > "$guard"
    chmod 755 "$guard"
  fi
  local rc=0
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@") \
    > /dev/null 2>&1 || rc=$?
  [ -z "$guard" ] || rm -f "$guard"
  return $rc
}
if [ ! -x "$frr/zebra" ] || [ ! -x "$frr/ripd" ] || ! command -v vtysh > /dev/null ||
  ! command -v python3 > /dev/null; then
  install_packages frr python3 || true
fi
if [ ! -x "$frr/zebra" ] || [ ! -x "$frr/ripd" ] || ! command -v vtysh > /dev/null; then
  skip "FRR (Debian package frr) is not installed and cannot be"
fi
command -v python3 > /dev/null || skip "python3 (to read FRR's JSON) is not installed"
id frr > /dev/null 2>&1 || skip "FRR's user frr does not exist"

# ---- the namespace, cleaned up on every exit ----------------------------------------------------
ns="rtm-interop-$$"
tmp="$(mktemp -d /tmp/rtm-interop.XXXXXX)"
example_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$example_pid" ] && kill -0 "$example_pid" 2> /dev/null; then
    kill "$example_pid" 2> /dev/null || true
    wait "$example_pid" 2> /dev/null || true
  fi
  for d in ripd zebra; do
    if [ -s "$tmp/frr/$d.pid" ]; then
      kill "$(cat "$tmp/frr/$d.pid")" 2> /dev/null || true
    fi
  done
  sleep 0.5
  for d in ripd zebra; do
    if [ -s "$tmp/frr/$d.pid" ]; then
      kill -9 "$(cat "$tmp/frr/$d.pid")" 2> /dev/null || true
    fi
  done
  ip netns del "$ns" 2> /dev/null || true
  if [ "${RTM_INTEROP_KEEP:-0}" = 1 ]; then
    echo "interop-check: logs kept in $tmp"
  else
    rm -rf "$tmp"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$ns" 2> "$tmp/netns.err" || skip "cannot create a network namespace: $(cat "$tmp/netns.err")"
nsx() { ip netns exec "$ns" "$@"; }
nsx ip link set lo up || skip "cannot use the network namespace"
nsx sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 || true
# the daemon's stub network: a dummy interface, or an address on lo where dummy is missing
if nsx ip link add rtmstub0 type dummy 2> /dev/null; then
  nsx ip addr add "$stub" dev rtmstub0
  nsx ip link set rtmstub0 up
else
  nsx ip addr add "$stub" dev lo
fi

# ---- the simulated network ----------------------------------------------------------------------
start_us=${EPOCHREALTIME/[.,]/}
elapsed() { # seconds since the example started, with one decimal
  local us=$((${EPOCHREALTIME/[.,]/} - start_us))
  echo "$((us / 1000000)).$((us % 1000000 / 100000))"
}
timeout $((stop_at + 30)) ip netns exec "$ns" "$example" --agent="$proto" --tap="$tap" \
  --address="$sim_address" --base="$base" --routers="$routers" --fail-link=1 \
  --fail-at="$fail_at" --restore-at="$restore_at" --stop-at="$stop_at" \
  --update=5 --timeout=15 --garbage=10 > "$tmp/example.log" 2>&1 &
example_pid=$!
for _ in $(seq 100); do
  nsx ip link show "$tap" > /dev/null 2>&1 && break
  kill -0 "$example_pid" 2> /dev/null || break
  sleep 0.1
done
if ! nsx ip link show "$tap" > /dev/null 2>&1; then
  cat "$tmp/example.log"
  grep -q "TUNSETIFF\|/dev/net/tun" "$tmp/example.log" && skip "cannot create a tap device"
  echo "FAIL: the example did not create its tap"
  exit 1
fi
nsx ip addr add "$daemon_address" dev "$tap"
nsx ip link set "$tap" up

# ---- the daemon ---------------------------------------------------------------------------------
mkdir -p "$tmp/frr"
cat > "$tmp/frr/zebra.conf" << EOF
hostname rtm-interop-zebra
EOF
cat > "$tmp/frr/ripd.conf" << EOF
hostname rtm-interop-ripd
debug rip events
debug rip packet
!
ip prefix-list STUB seq 5 permit $stub_net
route-map STUB permit 10
 match ip address prefix-list STUB
!
router rip
 version 2
 network $tap
 redistribute connected route-map STUB
 timers basic 5 15 10
!
EOF
chown -R frr:frr "$tmp/frr"
chmod 755 "$tmp"
daemon() { # name, then its own options
  local d=$1
  shift
  nsx "$frr/$d" -d -f "$tmp/frr/$d.conf" -i "$tmp/frr/$d.pid" -z "$tmp/frr/zserv.api" \
    --vty_socket "$tmp/frr" -P 0 --log "file:$tmp/frr/$d.log" --log-level debug "$@" \
    >> "$tmp/frr/$d.out" 2>&1
}
daemon zebra || { fail "zebra did not start"; exit 1; }
for _ in $(seq 50); do [ -S "$tmp/frr/zserv.api" ] && break; sleep 0.1; done
daemon ripd || { fail "ripd did not start"; exit 1; }
vty() { nsx vtysh --vty_socket "$tmp/frr" "$@" 2> /dev/null; }

# "prefix protocol metric next-hop" for each route zebra holds
routes() {
  vty -c 'show ip route json' | python3 -c '
import json, sys
try:
    table = json.load(sys.stdin)
except ValueError:
    sys.exit(0)
for prefix, entries in table.items():
    for r in entries:
        if not r.get("selected"):
            continue
        hops = [h.get("ip", "direct") for h in r.get("nexthops", []) if h.get("active")]
        print(prefix, r.get("protocol"), r.get("metric", 0), ",".join(hops) or "-")
'
}

# the daemon's view expected in each phase: "prefix metric" (RIP: hops from the daemon + 1)
expect_all="10.254.1.0/30 2
10.254.1.4/30 3
10.254.1.8/30 4"
expect_failed="10.254.1.0/30 2"
gone_failed="10.254.1.4/30 10.254.1.8/30"

# wait until the daemon's routes match, or until the deadline (seconds of the run)
wait_routes() { # deadline, expected "prefix metric" lines, prefixes that must be gone
  local deadline=$1 want=$2 gone=$3 ok
  while :; do
    routes > "$tmp/routes.now"
    ok=1
    while read -r prefix metric; do
      [ -n "$prefix" ] || continue
      grep -q "^$prefix $proto $metric 10.254.0.1$" "$tmp/routes.now" || ok=0
    done <<< "$want"
    for prefix in $gone; do
      grep -q "^$prefix $proto " "$tmp/routes.now" && ok=0
    done
    [ "$ok" = 1 ] && return 0
    if [ "$(elapsed | cut -d. -f1)" -ge "$deadline" ]; then
      return 1
    fi
    sleep 0.5
  done
}
show_phase() { # title
  echo "--- $1, at $(elapsed) s: the daemon's $proto routes (vtysh 'show ip route json')"
  grep " $proto " "$tmp/routes.now" | sed 's/^/    /' || echo "    (none)"
  vty -c 'show ip rip' > "$tmp/rip.now" || true
}

if wait_routes $((fail_at - 1)) "$expect_all" ""; then
  show_phase "before the failure"
else
  show_phase "before the failure"
  fail "the daemon did not learn the simulated networks (expected: ${expect_all//$'\n'/, })"
fi
# wait for the failure, then for the withdrawal
while [ "$(elapsed | cut -d. -f1)" -lt "$fail_at" ]; do sleep 0.2; done
if wait_routes $((restore_at - 1)) "$expect_failed" "$gone_failed"; then
  show_phase "after S1-S2 failed"
else
  show_phase "after S1-S2 failed"
  fail "the daemon did not withdraw $gone_failed"
fi
grep -E "^R.* (10\.254\.1\.4/30|10\.254\.1\.8/30) .* 16 " "$tmp/rip.now" | sed 's/^/    show ip rip: /' || true
while [ "$(elapsed | cut -d. -f1)" -lt "$restore_at" ]; do sleep 0.2; done
if wait_routes $((stop_at - 1)) "$expect_all" ""; then
  show_phase "after S1-S2 came back"
else
  show_phase "after S1-S2 came back"
  fail "the daemon did not learn the networks again"
fi

# ---- the RTM's view, from the example's output --------------------------------------------------
wait "$example_pid" || fail "the example failed (exit $?)"
example_pid=""
log="$tmp/example.log"
# the last table S0 printed before an event
table_at() { # event (fail, restore, stop)
  awk -v ev="$1" '
    $2 == "table" && $3 == "S0" && $4 == "begin" { n = 0; delete t; next }
    $2 == "table" && $3 == "S0" && $4 == "end" { next }
    $2 == "table" && $3 == "S0" { t[n++] = $0; next }
    $2 == "event" && $3 == ev { for (i = 0; i < n; i++) print t[i]; exit }
  ' "$log"
}
# the table printed at an event is the one just after it
table_after() { # event
  awk -v ev="$1" '
    $2 == "event" && $3 == ev { on = 1; next }
    on && $2 == "table" && $3 == "S0" && $4 == "begin" { next }
    on && $2 == "table" && $3 == "S0" && $4 == "end" { exit }
    on && $2 == "table" && $3 == "S0" { print }
  ' "$log"
}
check_rtm() { # title, table lines, prefix that must be there with "via NH ... metric M proto", prefixes gone
  local title=$1 table=$2 want=$3 gone=$4
  echo "--- $title: S0's RTM table (the example)"
  sed 's/^ *[0-9.]* table S0 /    /' <<< "$table"
  while read -r prefix rest; do
    [ -n "$prefix" ] || continue
    grep -q " table S0 $prefix via $rest$" <<< "$table" ||
      fail "$title: S0 does not have $prefix via $rest"
  done <<< "$want"
  for prefix in $gone; do
    grep -q " table S0 $prefix " <<< "$table" && fail "$title: S0 still has $prefix"
  done
  return 0
}
stub_at_s0="$stub_net 10.254.0.2 if $(awk '/^# tap/ { print $NF }' "$log") metric 2 $proto"
s0_all="$stub_at_s0"
check_rtm "before the failure" "$(table_after fail)" "$s0_all" ""
check_rtm "after S1-S2 failed" "$(table_after restore)" "$s0_all" "10.254.1.4/30 10.254.1.8/30"
check_rtm "after S1-S2 came back" "$(table_after stop)" "$s0_all
10.254.1.4/30 10.254.1.2 if 1 metric 2 $proto
10.254.1.8/30 10.254.1.2 if 1 metric 3 $proto" ""
# the stub network along the line: S<k> at metric k + 2, lost beyond the failure, back after it
echo "--- the daemon's network $stub_net at every router (best-route changes)"
grep -E " S[0-9]+ (best|unreachable) $stub_net( |$)" "$log" | sed 's/^/    /'
for k in $(seq 0 $((routers - 1))); do
  last=$(grep -E " S$k (best|unreachable) $stub_net( |$)" "$log" | tail -1)
  grep -q " metric $((k + 2)) $proto$" <<< "$last" ||
    fail "S$k does not end with $stub_net at metric $((k + 2)): $last"
done
for k in $(seq 2 $((routers - 1))); do
  awk -v k="S$k" -v net="$stub_net" -v f="$fail_at" -v r="$restore_at" '
    $2 == k && $3 == "unreachable" && $4 == net && $1 >= f && $1 < r { found = 1 }
    END { exit !found }' "$log" || fail "S$k did not lose $stub_net after the failure"
done

# ---- the daemon's complaints --------------------------------------------------------------------
ripd_log="$tmp/frr/ripd.log"
received=$(grep -c "RECV packet from 10.254.0.1" "$ripd_log" || true)
note "ripd received $received packets from S0"
[ "$received" -gt 5 ] || fail "ripd logged only $received packets from S0"
# the route entries ripd decoded ("  prefix -> next-hop family 2 tag 0 metric m"): RFC 2453's
# next hop 0.0.0.0 ("via the sender"), and metric 16 for the withdrawn networks
grep -E "^\S+ \S+ RIP: \[[^]]*\]   [0-9./]+ -> " "$ripd_log" > "$tmp/rtes" || true
note "ripd decoded $(wc -l < "$tmp/rtes") route entries, next hops: $(awk '{ print $7 }' "$tmp/rtes" |
  sort | uniq -c | awk '{ printf "%s %s x%s", sep, $2, $1; sep = "," }')"
awk '$7 != "0.0.0.0"' "$tmp/rtes" | head -3 | grep . && fail "S0 sent a next hop other than 0.0.0.0"
for prefix in $gone_failed; do
  grep -q "   $prefix -> .* metric 16$" "$tmp/rtes" || fail "ripd never read $prefix at metric 16"
done
if grep -E "not directly reachable|invalid|malformed|Authentication" "$ripd_log" |
  sed 's/^/    ripd: /' | head -5 | grep .; then
  fail "ripd complains about what S0 sent"
fi
grep "^# S" "$log" | sed 's/^# /    agent /'
note "$problems problem(s), $(elapsed) s"
[ "$problems" -eq 0 ]
