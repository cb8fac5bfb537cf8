#!/usr/bin/env bash
# Installs what ns3-rtm needs on Debian 12 (as root), skipping apt entirely when all is present.
set -euo pipefail
packages=(cmake g++ make libns3-dev ns3 libgsl-dev libsqlite3-dev libxml2-dev libpython3-dev
          libboost-graph-dev libgtest-dev libbenchmark-dev gnuplot-nox
          libmetis-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
