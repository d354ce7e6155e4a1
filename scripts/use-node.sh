# Puts an official Node.js build of the given major version first on PATH, fetching it from the
# npm registry (package node-linux-<arch>@<major>: the official binary and headers) when the
# `node` on PATH is a different major version. Native modules (better-sqlite3) are then built
# against that version's headers through npm_config_nodedir.
#
#   source scripts/use-node.sh        # the version in .nvmrc (24)
#   source scripts/use-node.sh 22     # another supported major version
#
# The download is cached in ${NODE_CACHE_DIR:-$HOME/.cache/rnn-grader}/node-<major>-linux-<arch>.
# Only Linux x64 and arm64 builds are published this way.

use_node_main() {
  local root major have arch dir tmp
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  major="${1:-$(tr -dc '0-9' < "$root/.nvmrc")}"
  have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$have" = "$major" ]; then
    # Already this version: build native modules against its own headers, not whatever an npmrc
    # names (these machines' npmrc points at Node 20's headers in /usr).
    dir="$(dirname "$(dirname "$(node -p process.execPath)")")"
    if [ -f "$dir/include/node/node_version.h" ]; then export npm_config_nodedir="$dir"; fi
    return 0
  fi
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "use-node: no Node.js $major package for $(uname -m) on the npm registry; install Node.js $major yourself" >&2; return 1 ;;
  esac
  dir="${NODE_CACHE_DIR:-$HOME/.cache/rnn-grader}/node-$major-linux-$arch"
  if [ ! -x "$dir/bin/node" ]; then
    echo "use-node: fetching Node.js $major (node-linux-$arch@$major) from the npm registry…" >&2
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack "node-linux-$arch@$major" --silent >/dev/null) || { rm -rf "$tmp"; return 1; }
    mkdir -p "$dir"
    tar -xzf "$tmp"/node-linux-"$arch"-*.tgz -C "$dir" --strip-components=1 || { rm -rf "$tmp"; return 1; }
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
  hash -r
  echo "use-node: $(node -v) from $dir" >&2
}

use_node_main "$@"
