#!/usr/bin/env bash
# clone-to-serve.sh times what a new user waits for, from `git clone` to the first page served:
#   release  clone, unpack a release archive (from scripts/crossbuild.sh or a download), cmplay serve
#   go run   clone, go run ./cmd/cmplay serve with an empty GOCACHE (the module cache is kept, so
#            module downloads are NOT counted: on a fresh machine they come on top)
#
#   bench/clone-to-serve.sh REPO ARCHIVE     e.g. file://$PWD dist/cmplay_linux_amd64.tar.gz
set -euo pipefail
repo=$1
archive=$(realpath "$2")
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill -- -"$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

now() { date +%s.%N; }
# served waits until port $2 answers 200 and prints the seconds since $1; it fails when the
# server ($pid) exits first.
served() {
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/")" = 200 ]; do
		kill -0 "$pid" 2>/dev/null || { echo "clone-to-serve: the server on port $2 exited" >&2; return 1; }
		sleep 0.1
	done
	echo "$(now) - $1" | bc
}

start=$(now)
git clone -q "$repo" "$tmp/release"
mkdir "$tmp/bin" && tar -xzf "$archive" -C "$tmp/bin" cmplay
setsid sh -c 'cd "$1" && exec "$2" serve --port 18931' sh "$tmp/release" "$tmp/bin/cmplay" >"$tmp/release.log" 2>&1 & pid=$!
release=$(served "$start" 18931) || { cat "$tmp/release.log" >&2; exit 1; }
kill -- -"$pid" 2>/dev/null || kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

start=$(now)
git clone -q "$repo" "$tmp/gorun"
mkdir "$tmp/gocache"
GOCACHE="$tmp/gocache" setsid sh -c 'cd "$1" && exec go run ./cmd/cmplay serve --port 18932' sh "$tmp/gorun" >"$tmp/gorun.log" 2>&1 & pid=$!
gorun=$(served "$start" 18932) || { cat "$tmp/gorun.log" >&2; exit 1; }
kill -- -"$pid" 2>/dev/null || kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

printf 'clone → first page served: release binary %.1fs, go run (empty GOCACHE) %.1fs, ratio %.0f×\n' "$release" "$gorun" "$(echo "$gorun / $release" | bc -l)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
