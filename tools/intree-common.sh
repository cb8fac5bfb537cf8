# Shared by tools/intree-ns3.48.sh and tools/intree-ns3.35.sh (sourced, not run).
# Installs what is missing, unpacks an ns-3 release fresh, copies the module in, finds the map.

# rtm_need_packages PACKAGE...: apt-get installs the ones not installed (as root, or with sudo).
rtm_need_packages()
{
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "intree: installing ${missing[*]}"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo=sudo
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
            "${missing[@]}"
    fi
}

# rtm_unpack TARBALL WORKDIR: a fresh tree from the release tarball; prints the tree's path.
rtm_unpack()
{
    local tarball=$1 work=$2
    [ -f "$tarball" ] || { echo "intree: $tarball not found" >&2; return 1; }
    mkdir -p "$work"
    local top
    top=$(tar -tJf "$tarball" | sed -n '1s|/.*||p')
    rm -rf "${work:?}/$top"
    tar -xJf "$tarball" -C "$work"
    echo "$work/$top"
}

# rtm_copy_module REPO DEST: the module's sources (not its builds, outputs or .git) into DEST.
rtm_copy_module()
{
    local repo=$1 dest=$2 entry
    rm -rf "$dest"
    mkdir -p "$dest"
    for entry in CMakeLists.txt wscript model helper examples test data scratch LICENSE \
        README.md; do
        [ -e "$repo/$entry" ] && cp -r "$repo/$entry" "$dest/"
    done
    return 0
}

# rtm_demo_map REPO: the Abilene map, from the repository or else from ../shared.
rtm_demo_map()
{
    local repo=$1 m
    for m in "$repo/data/topology-zoo/Abilene.graphml" \
        "$repo/../shared/data/topology-zoo/Abilene.graphml"; do
        [ -f "$m" ] && { echo "$m"; return 0; }
    done
    echo "intree: no Abilene.graphml (data/topology-zoo/ or ../shared/data/topology-zoo/)" >&2
    return 1
}

# rtm_step NAME COMMAND...: runs COMMAND, then prints its wall time.
rtm_step()
{
    local name=$1 t=$SECONDS
    shift
    echo "== $name"
    "$@"
    echo "== $name: $((SECONDS - t)) s"
}
