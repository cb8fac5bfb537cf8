#!/usr/bin/env bash
# Decodes what the agents put on the wire with Wireshark's own dissectors (Debian's tshark):
# captures of the count-to-infinity and DV-vs-LS scenarios (cold start, a failure, recovery), of
# an OSPF broadcast LAN, and the well-formed messages of the hostile-packet tests. Every agent
# packet must decode as the protocol it claims, with no malformed packet and no expert warning or
# error, checksums checked (ARP frames of the LAN are counted apart).
# Usage: rtm-tshark-check.sh BUILD_DIR. Installs tshark when missing (as root); exits 77 (skip)
# when it cannot.
set -euo pipefail
build="$(cd "${1:?usage: rtm-tshark-check.sh BUILD_DIR}" && pwd)"
if ! command -v tshark > /dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
    echo "tshark-check: installing tshark"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark) \
      > /dev/null 2>&1 || true
  fi
fi
if ! command -v tshark > /dev/null || ! command -v text2pcap > /dev/null; then
  echo "SKIP: tshark and text2pcap (Debian package tshark) are not installed"
  exit 77
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# 1. the scenarios, every link end captured (RIPv2 in UDP port 520, OSPFv2 in IP protocol 89)
"$build/examples/rtm-count-to-infinity" --pcap="$out/count-to-infinity" > /dev/null
"$build/examples/rtm-dv-vs-ls" --topology=grid --rows=3 --cols=3 --failures=1 --agents=rip \
  --pcap="$out/dv-vs-ls" > /dev/null
"$build/examples/rtm-dv-vs-ls" --topology=grid --rows=3 --cols=3 --failures=1 --agents=ospf \
  --pcap="$out/dv-vs-ls" > /dev/null
# 2. the hostile-packet tests' valid messages, wrapped by text2pcap in UDP port 520 (RIP) and in
#    IPv4 protocol 89 (OSPF)
RTM_WIRE_DUMP="$out" "$build/rtm-gtests" \
  --gtest_filter='RtmRipFuzzTest.ValidMessagesRoundTripAndCanBeDumpedForTshark' > /dev/null
text2pcap -q -u 520,520 "$out/rip-valid.txt" "$out/rip-valid.pcap" 2> /dev/null
RTM_WIRE_DUMP="$out" "$build/rtm-gtests" \
  --gtest_filter='RtmOspfWireTest.ValidPacketsRoundTripAndCanBeDumpedForTshark' > /dev/null
text2pcap -q -i 89 "$out/ospf-valid.txt" "$out/ospf-valid.pcap" 2> /dev/null
# 3. OSPF on a broadcast network: a CSMA LAN of five routers (hellos with DR and BDR, DDs and
#    requests unicast, updates and acks to 224.0.0.5 and 224.0.0.6, network-LSAs), a DR failure
#    and its recovery; every device captured (Ethernet frames, ARP among them)
RTM_WIRE_DUMP="$out" "$build/rtm-gtests" \
  --gtest_filter='RtmOspfLanTest.CapturesTheLanForTshark' > /dev/null

status=0
decoded=0
for f in "$out"/*.pcap; do
  # protocols, UDP ports, IP protocol, malformed marker, expert severities (0x600000 = warning)
  tshark -n -r "$f" -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE -T fields \
    -E separator='|' -e frame.number -e frame.protocols -e udp.port -e ip.proto \
    -e _ws.malformed -e _ws.expert.severity -e _ws.expert.message 2> /dev/null > "$out/fields"
  if ! awk -F'|' -v file="$(basename "$f")" '
    {
      total++
      claim = ""
      if ($3 ~ /(^|,)520(,|$)/) claim = "rip"
      if ($4 == "89") claim = "ospf"
      if ($2 ~ /(^|:)arp$/) { arp++; next }
      if (claim == "") { other++; next }
      n[claim]++
      if ($2 !~ ("(^|:)" claim "$")) { printf "%s frame %s: claims %s, decodes as %s\n", file, $1, claim, $2; bad++ }
      if ($5 != "") { printf "%s frame %s: malformed\n", file, $1; bad++ }
      split($6, sev, ",")
      for (i in sev) if (sev[i] + 0 >= 6291456) { printf "%s frame %s: expert: %s\n", file, $1, $7; bad++; break }
    }
    END {
      printf "%-32s %5d packets: rip %d, ospf %d, arp %d, other %d, problems %d\n", file, total, n["rip"], n["ospf"], arp, other, bad
      if (bad > 0 || other > 0) exit 1
    }' "$out/fields"; then
    status=1
  fi
  decoded=$((decoded + $(wc -l < "$out/fields")))
done
# a passive link end captures nothing; the whole run must not
[ "$decoded" -gt 500 ] || { echo "only $decoded packets captured"; status=1; }
echo "tshark-check: $decoded packets decoded, status $status"
exit $status
