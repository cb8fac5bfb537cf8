#!/usr/bin/env bash
# The simulated RTM routers talk to a real routing daemon: examples/rtm-interop runs in real time
# inside a network namespace this script creates, its router S0 on a tap device whose kernel side
# is the daemon's interface. The daemon, from Debian's packages (installed when missing), runs in
# the same namespace with its own config, pid, socket and log paths in a temporary folder: FRR
# (zebra and ripd or ospfd) or BIRD 2. Shown, read from the daemon (vtysh 'show ip route json',
# birdc 'show route') and from the RTM tables the example prints:
#  1. the daemon learns every simulated network with the right metric (RIP: hops + 1; OSPF: the
#     sum of the costs, every interface costing 1, so the same numbers);
#  2. every simulated router learns the daemon's stub network (S0 2, S1 3, ...); OSPF: the
#     daemon has S0 as a Full neighbour in every phase (vtysh 'show ip ospf neighbor json',
#     birdc 'show ospf neighbors');
#  3. the link S1-S2 fails (--fail-at): the daemon withdraws the networks behind it and the
#     routers beyond it lose the stub network; it comes back (--restore-at): all of 1 and 2 again;
#  4. the daemon's log has no complaint about what the agent sent (e.g. FRR's "Next hop ... is
#     not directly reachable", a checksum or MTU mismatch), and (RIP) every route entry it
#     decoded has next hop 0.0.0.0.
# Only addresses on the links made here are used (10.254.0.0/16); the namespace, its devices and
# the daemons are removed on every exit path.
#
# Usage: rtm-interop-check.sh BUILD_DIR [PROTOCOL [DAEMON [NETWORK]]]   as root
#   PROTOCOL: rip (default) or ospf   DAEMON: frr (default) or bird
#   NETWORK (OSPF): p2p (default) or broadcast: the tap link is an OSPF broadcast network on
#   both sides (DR/BDR election, network-LSAs), and so is every simulated link (the agents'
#   InterfaceType=Broadcast)
# Exits 0 on success, 1 on a failed check, 77 (skip) without root, namespaces or a tap, or when
# the daemon cannot be installed. RTM_INTEROP_KEEP=1 keeps the temporary folder (logs).
set -euo pipefail
usage="usage: rtm-interop-check.sh BUILD_DIR [rip|ospf [frr|bird [p2p|broadcast]]]"
build="$(cd "${1:?$usage}" && pwd)"
proto="${2:-rip}"
daemon="${3:-frr}"
network="${4:-p2p}"
example="$build/examples/rtm-interop"

# ---- the scenario (seconds of the example's run, which is real time) ---------------------------
routers=4                    # S0 .. S3 in a line
fail_at=25                   # link 1 (S1-S2) fails ...
restore_at=45                # ... and comes back
stop_at=65                   # the example ends
tap=rtmtap0                  # in the namespace, so the name cannot clash
sim_address=10.254.0.1/30    # S0 on the tap link
daemon_address=10.254.0.2/30 # the daemon's side of the tap
base=10.254.1.0              # the simulated links: 10.254.1.0/30, .4/30, .8/30
stub=10.254.9.1/24           # the daemon's own network, for the RTM to learn
stub_net=10.254.9.0/24
hello=2 # OSPF: HelloInterval and RouterDeadInterval, the agent's and the daemon's
dead=8 # (and RetransmitInterval 2 s: an LSA the daemon discarded for arriving within its
        # MinLSArrival of the one before, RFC 2328 13 (5a), comes again sooner)
# the daemon's view in each phase, "prefix metric", and the RTM's
case "$proto" in
  rip)
    # RIP: the daemon's metric is the simulated distance + 1; S<k> has the stub at k + 2
    expect_all="10.254.1.0/30 2
10.254.1.4/30 3
10.254.1.8/30 4"
    expect_failed="10.254.1.0/30 2"
    gone_failed="10.254.1.4/30 10.254.1.8/30"
    stub_metric() { echo $(($1 + 2)); }
    s0_restored="10.254.1.4/30 10.254.1.2 if 1 metric 2 rip
10.254.1.8/30 10.254.1.2 if 1 metric 3 rip"
    ;;
  ospf)
    # OSPF, every interface (the daemon's too) costing 1: the daemon's metric is its cost to the
    # advertising router plus the stub cost, the simulated distance + 1 again; S<k> has the stub
    # (the daemon's stub link, cost 1) at k + 1 + 1
    expect_all="10.254.1.0/30 2
10.254.1.4/30 3
10.254.1.8/30 4"
    expect_failed="10.254.1.0/30 2"
    gone_failed="10.254.1.4/30 10.254.1.8/30"
    stub_metric() { echo $(($1 + 2)); }
    s0_restored="10.254.1.4/30 10.254.1.2 if 1 metric 2 ospf
10.254.1.8/30 10.254.1.2 if 1 metric 3 ospf"
    ;;
  *)
    echo "$usage"
    exit 2
    ;;
esac
case "$daemon" in
  frr | bird) ;;
  *)
    echo "$usage"
    exit 2
    ;;
esac
# the tap's OSPF network type in the daemon's config, and the agents' interface type
case "$network" in
  p2p)
    frr_network=point-to-point bird_type=ptp agent_type=()
    ;;
  broadcast)
    [ "$proto" = ospf ] || { echo "$usage"; exit 2; }
    frr_network=broadcast bird_type=broadcast
    agent_type=(--ns3::RtmOspfAgent::InterfaceType=Broadcast)
    ;;
  *)
    echo "$usage"
    exit 2
    ;;
esac

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

[ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces, a tap device, the daemon)"
[ -x "$example" ] || skip "$example is not built (ns-3 without fd-net-device?)"
command -v ip > /dev/null || skip "no ip (iproute2)"

# ---- the daemon's packages ---------------------------------------------------------------------
frr=/usr/lib/frr
install_packages() {
  command -v apt-get > /dev/null || return 1
  note "installing $*"
  # Debian starts a package's service on install; the daemon must not run outside the namespace
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
have_frr() { [ -x "$frr/zebra" ] && [ -x "$frr/${proto}d" ] && command -v vtysh > /dev/null; }
have_bird() { command -v bird > /dev/null && command -v birdc > /dev/null; }
case "$daemon" in
  frr)
    if ! have_frr || ! command -v python3 > /dev/null; then install_packages frr python3 || true; fi
    have_frr || skip "FRR (Debian package frr) is not installed and cannot be"
    command -v python3 > /dev/null || skip "python3 (to read FRR's JSON) is not installed"
    id frr > /dev/null 2>&1 || skip "FRR's user frr does not exist"
    ;;
  bird)
    have_bird || install_packages bird2 || true
    have_bird || skip "BIRD 2 (Debian package bird2) is not installed and cannot be"
    ;;
esac

# ---- the namespace, cleaned up on every exit ----------------------------------------------------
ns="rtm-interop-$$"
tmp="$(mktemp -d /tmp/rtm-interop.XXXXXX)"
dir="$tmp/daemon"
mkdir -p "$dir"
chmod 755 "$tmp"
example_pid=""
cleanup() {
  local rc=$? f
  trap - EXIT INT TERM
  if [ -n "$example_pid" ] && kill -0 "$example_pid" 2> /dev/null; then
    kill "$example_pid" 2> /dev/null || true
    wait "$example_pid" 2> /dev/null || true
  fi
  for f in "$dir"/*.pid; do
    if [ -s "$f" ]; then kill "$(cat "$f")" 2> /dev/null || true; fi
  done
  sleep 0.5
  for f in "$dir"/*.pid; do
    if [ -s "$f" ]; then kill -9 "$(cat "$f")" 2> /dev/null || true; fi
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

ip netns add "$ns" 2> "$tmp/netns.err" ||
  skip "cannot create a network namespace: $(cat "$tmp/netns.err")"
nsx() { ip netns exec "$ns" "$@"; }
nsx ip link set lo up || skip "cannot use the network namespace"
nsx sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 || true
# the daemon's stub network: a dummy interface, else one end of a veth pair (both ends in the
# namespace, the other end unaddressed), else an address on lo (RIP only: OSPF would advertise
# an address on lo as a host route, not the /24)
if nsx ip link add rtmstub0 type dummy 2> /dev/null ||
  nsx ip link add rtmstub0 type veth peer name rtmstub1 2> /dev/null; then
  nsx ip addr add "$stub" dev rtmstub0
  nsx ip link set rtmstub0 up
  if nsx ip link show rtmstub1 > /dev/null 2>&1; then nsx ip link set rtmstub1 up; fi
else
  [ "$proto" = rip ] || skip "neither a dummy nor a veth interface (the daemon's OSPF stub network)"
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
  --update=5 --timeout=15 --garbage=10 --hello="$hello" --dead="$dead" \
  --retransmit=2 "${agent_type[@]}" > "$tmp/example.log" 2>&1 &
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
# Each daemon has <daemon>_start, <daemon>_routes (one "prefix protocol metric next-hop" line per
# route it uses), <daemon>_view (what _routes reads), <daemon>_protocol_view (its own protocol table, for the record) and
# <daemon>_log_check (the route entries it decoded, "prefix next-hop metric", and complaints).
# the route entries a daemon's packet trace shows, "prefix -> next-hop ... metric m", as
# "prefix next-hop m" lines in $tmp/rtes
route_entries() { # log
  awk '{
    for (i = 1; i < NF - 1; i++)
      if ($i ~ /^[0-9.]+\/[0-9]+$/ && $(i + 1) == "->") {
        m = ""
        for (j = i + 2; j < NF; j++) if ($j == "metric") m = $(j + 1)
        print $i, $(i + 2), m
      }
  }' "$1" > "$tmp/rtes"
}
frr_start() {
  cat > "$dir/zebra.conf" << EOF
hostname rtm-interop-zebra
EOF
  if [ "$proto" = ospf ]; then
    # point-to-point on the tap (or broadcast: a DR election with S0), the agent's hello and dead
    # intervals, every cost 1, area 0 only; the stub network is a passive interface in area 0,
    # so it is a stub link in the daemon's router-LSA (the agent reads no AS-external LSA)
    cat > "$dir/ospfd.conf" << EOF
hostname rtm-interop-ospfd
debug ospf event
debug ospf nsm
debug ospf lsa
debug ospf packet all
!
interface $tap
 ip ospf network $frr_network
 ip ospf hello-interval $hello
 ip ospf dead-interval $dead
 ip ospf cost 1
!
interface rtmstub0
 ip ospf cost 1
!
router ospf
 ospf router-id ${daemon_address%/*}
 passive-interface rtmstub0
 network ${daemon_address%.*}.0/30 area 0
 network $stub_net area 0
!
EOF
  fi
  cat > "$dir/ripd.conf" << EOF
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
  chown -R frr:frr "$dir"
  local d
  for d in zebra "${proto}d"; do
    nsx "$frr/$d" -d -f "$dir/$d.conf" -i "$dir/$d.pid" -z "$dir/zserv.api" \
      --vty_socket "$dir" -P 0 --log "file:$dir/$d.log" --log-level debug \
      >> "$dir/$d.out" 2>&1 || return 1
    for _ in $(seq 50); do
      [ -S "$dir/$d.vty" ] && break
      sleep 0.1
    done
  done
}
frr_cli() { nsx vtysh --vty_socket "$dir" "$@" 2> /dev/null; }
frr_routes() {
  frr_cli -c 'show ip route json' | python3 -c '
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
frr_view() { echo "vtysh 'show ip route json'"; }
frr_protocol_view() {
  if [ "$proto" = ospf ]; then
    frr_cli -c "show ip ospf neighbor" -c "show ip ospf database" -c "show ip ospf route"
  else
    frr_cli -c "show ip $proto"
  fi
}
# OSPF: the daemon's neighbours, "router-id state" (state without the DR role, e.g. Full)
frr_neighbors() {
  frr_cli -c 'show ip ospf neighbor json' | python3 -c '
import json, sys
try:
    table = json.load(sys.stdin)
except ValueError:
    sys.exit(0)
for rid, entries in table.get("neighbors", {}).items():
    for n in entries if isinstance(entries, list) else [entries]:
        state = n.get("nbrState", n.get("state", "?"))
        print(rid, state.split("/")[0])
'
}
frr_log_check() {
  local log="$dir/${proto}d.log"
  if [ "$proto" = ospf ]; then
    : > "$tmp/rtes"
    note "ospfd received $(grep -c "received from \[${s0_router_id}\]" "$log" || true) packets from S0, discarded $(grep -c "LSA is received recently" "$log" || true) LSAs as arriving within MinLSArrival" >&2
    # (what ospfd logs when it refuses a packet or an LSA; "LS checksum 0x..." is its packet
    # dump, "buffer_flush_available" its own stderr, closed when it runs as a daemon)
    grep -vE "LS checksum 0x|buffer_flush_available" "$log" |
      grep -iE "checksum|mismatch|malformed|invalid|bad |wrong|error|failed|authenticat|too (short|large)" || true
    return 0
  fi
  note "ripd received $(grep -c "RECV packet from ${sim_address%/*}" "$log" || true) packets from S0" >&2
  # "... RIP: [XHCQJ-PBD83]   10.254.1.4/30 -> 0.0.0.0 family 2 tag 0 metric 2"
  route_entries "$log"
  grep -E "not directly reachable|invalid|malformed|[Aa]uthentication" "$log" || true
}
bird_start() {
  cat > "$dir/bird.conf" << EOF
log "$dir/bird.log" all;
router id ${daemon_address%/*};
protocol device { scan time 2; }
protocol direct direct1 { ipv4; interface "rtmstub0", "lo", "$tap"; }
EOF
  if [ "$proto" = ospf ]; then
    cat >> "$dir/bird.conf" << EOF
protocol ospf v2 ospf1 {
  ipv4 { import all; export none; };
  debug all;
  area 0 {
    interface "$tap" { type $bird_type; cost 1; hello $hello; dead $dead; };
    interface "rtmstub0" { stub; cost 1; };
  };
}
EOF
  else
    cat >> "$dir/bird.conf" << EOF
protocol rip rip1 {
  ipv4 { import all; export where net = $stub_net || source = RTS_RIP; };
  debug all;
  interface "$tap" { version 2; update time 5; timeout time 15; garbage time 10; };
}
EOF
  fi
  nsx bird -c "$dir/bird.conf" -s "$dir/bird.ctl" -P "$dir/bird.pid" >> "$dir/bird.out" 2>&1
}
bird_cli() { nsx birdc -s "$dir/bird.ctl" "$@" 2> /dev/null; }
# "prefix unicast [rip1 12:00:00.000] * (120/3)" (OSPF: "... * I (150/3) [10.254.1.1]"), then
# "via 10.254.0.1 on rtmtap0"
bird_routes() {
  bird_cli show route | awk '
    $1 ~ /^[0-9.]+\/[0-9]+$/ { prefix = $1; name = $3; sub(/^\[/, "", name); metric = ""
                                for (i = 4; i <= NF; i++) if ($i ~ /^\([0-9]+\/[0-9]+\)$/) metric = $i
                                gsub(/[()]/, "", metric); sub(/^[0-9]+\//, "", metric)
                                if (name ~ /^rip/) name = "rip"; if (name ~ /^ospf/) name = "ospf"
                                next }
    $1 == "via" && prefix != "" { print prefix, name, metric, $2; prefix = "" }'
}
bird_view() { echo "birdc 'show route'"; }
bird_protocol_view() {
  if [ "$proto" = ospf ]; then
    bird_cli show ospf neighbors
    bird_cli show ospf state all
  else
    bird_cli show route protocol rip1 all
  fi
}
# OSPF: "router-id pri state/role dead-time interface address"
bird_neighbors() {
  bird_cli show ospf neighbors | awk '$1 ~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/ { s = $3; sub(/\/.*/, "", s); print $1, s }'
}
bird_log_check() {
  local log="$dir/bird.log"
  if [ "$proto" = ospf ]; then
    : > "$tmp/rtes"
    grep -E "<(RMT|WARN|ERR|BUG)>|[Ii]nvalid|[Mm]alformed|[Bb]ad |[Mm]ismatch|[Cc]hecksum" "$log" || true
    return 0
  fi
  note "bird logged $(grep -c "Response received from ${sim_address%/*}\|Response from ${sim_address%/*}" "$log" || true) responses from S0" >&2
  route_entries "$log"
  # remote problems are logged as <RMT> (e.g. "Bad packet from ..."), others as <WARN> or <ERR>
  grep -E "<(RMT|WARN|ERR|BUG)>|[Ii]nvalid|[Mm]alformed|[Bb]ad |[Ii]gnoring" "$log" || true
}
"${daemon}_start" || {
  fail "$daemon did not start"
  cat "$dir"/*.out 2> /dev/null
  exit 1
}
view="$("${daemon}_view")"

# wait until the daemon's routes match, or until the deadline (seconds of the run)
wait_routes() { # deadline, expected "prefix metric" lines, prefixes that must be gone
  local deadline=$1 want=$2 gone=$3 ok
  while :; do
    "${daemon}_routes" > "$tmp/routes.now"
    ok=1
    while read -r prefix metric; do
      [ -n "$prefix" ] || continue
      grep -q "^$prefix $proto $metric ${sim_address%/*}$" "$tmp/routes.now" || ok=0
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
  echo "--- $1, at $(elapsed) s: $daemon's $proto routes ($view)"
  grep " $proto " "$tmp/routes.now" | sed 's/^/    /' || echo "    (none)"
  "${daemon}_protocol_view" > "$tmp/protocol.now" || true
  cat "$tmp/protocol.now" >> "$tmp/protocol.log"
  if [ "$proto" = ospf ]; then
    "${daemon}_neighbors" > "$tmp/neighbors.now" || true
    sed 's/^/    neighbour /' "$tmp/neighbors.now"
    grep -q "^$s0_router_id Full$" "$tmp/neighbors.now" ||
      fail "$1: $daemon does not have S0 ($s0_router_id) as a Full neighbour"
  fi
}
# S0's OSPF router id: its highest address (on the tap or on link 0)
s0_router_id=$(printf '%s\n' "${sim_address%/*}" "${base%.*}.$((${base##*.} + 1))" |
  sort -t. -k1,1n -k2,2n -k3,3n -k4,4n | tail -1)

wait_routes $((fail_at - 1)) "$expect_all" "" ||
  fail "$daemon did not learn the simulated networks (expected: ${expect_all//$'\n'/, })"
show_phase "before the failure"
while [ "$(elapsed | cut -d. -f1)" -lt "$fail_at" ]; do sleep 0.2; done
wait_routes $((restore_at - 1)) "$expect_failed" "$gone_failed" ||
  fail "$daemon did not withdraw $gone_failed"
show_phase "after S1-S2 failed"
if [ "$daemon" = frr ] && [ "$proto" = rip ]; then
  grep -E "^R.* (${gone_failed// /|}) .* 16 " "$tmp/protocol.now" | sed 's/^/    show ip rip: /' ||
    true
fi
while [ "$(elapsed | cut -d. -f1)" -lt "$restore_at" ]; do sleep 0.2; done
wait_routes $((stop_at - 1)) "$expect_all" "" || fail "$daemon did not learn the networks again"
show_phase "after S1-S2 came back"

# ---- the RTM's view, from the example's output --------------------------------------------------
wait "$example_pid" || fail "the example failed (exit $?)"
example_pid=""
log="$tmp/example.log"
# S0's table printed at an event (just before the event acts)
table_after() { # event: fail, restore, stop
  awk -v ev="$1" '
    $2 == "event" && $3 == ev { on = 1; next }
    on && $2 == "table" && $3 == "S0" && $4 == "begin" { next }
    on && $2 == "table" && $3 == "S0" && $4 == "end" { exit }
    on && $2 == "table" && $3 == "S0" { print }
  ' "$log"
}
check_rtm() { # title, table, "prefix next-hop if i metric m protocol" lines, prefixes gone
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
tap_interface=$(awk '/^# tap/ { print $NF }' "$log")
s0_stub="$stub_net ${daemon_address%/*} if $tap_interface metric $(stub_metric 0) $proto"
check_rtm "before the failure" "$(table_after fail)" "$s0_stub" ""
check_rtm "after S1-S2 failed" "$(table_after restore)" "$s0_stub" "$gone_failed"
check_rtm "after S1-S2 came back" "$(table_after stop)" "$s0_stub
$s0_restored" ""
# the stub network along the line: learned by every router, lost beyond the failure, back after
echo "--- $daemon's network $stub_net at every router (best-route changes)"
grep -E " S[0-9]+ (best|unreachable) $stub_net( |$)" "$log" | sed 's/^/    /'
for k in $(seq 0 $((routers - 1))); do
  last=$(grep -E " S$k (best|unreachable) $stub_net( |$)" "$log" | tail -1)
  grep -q " metric $(stub_metric "$k") $proto$" <<< "$last" ||
    fail "S$k does not end with $stub_net at metric $(stub_metric "$k"): $last"
done
for k in $(seq 2 $((routers - 1))); do
  awk -v k="S$k" -v net="$stub_net" -v f="$fail_at" -v r="$restore_at" '
    $2 == k && $3 == "unreachable" && $4 == net && $1 >= f && $1 < r { found = 1 }
    END { exit !found }' "$log" || fail "S$k did not lose $stub_net after the failure"
done

# ---- what the daemon decoded, and its complaints -------------------------------------------------
complaints=$("${daemon}_log_check")
if [ -n "$complaints" ]; then
  sed 's/^/    /' <<< "$complaints" | head -5
  fail "$daemon complains about what S0 sent"
fi
if [ -s "$tmp/rtes" ]; then
  note "$daemon decoded $(wc -l < "$tmp/rtes") route entries from S0, next hops:$(awk '{ print $2 }' \
    "$tmp/rtes" | sort | uniq -c | awk '{ printf " %s x%s", $2, $1 }')"
  awk '$2 != "0.0.0.0"' "$tmp/rtes" | head -3 | grep . &&
    fail "S0 sent a next hop other than 0.0.0.0"
  for prefix in $gone_failed; do
    grep -q "^$prefix .* 16$" "$tmp/rtes" || fail "$daemon never read $prefix at metric 16"
  done
elif [ "$daemon" = frr ] && [ "$proto" = rip ]; then
  fail "ripd's log shows no route entry from S0"
fi
grep "^# S" "$log" | sed 's/^# /    agent /'
note "$problems problem(s), $(elapsed) s"
[ "$problems" -eq 0 ]
