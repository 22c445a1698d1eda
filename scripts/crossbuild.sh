#!/usr/bin/env bash
# crossbuild.sh builds what .goreleaser.yaml releases, without goreleaser: a static cmplay for
# every GOOS/GOARCH listed there, packed as goreleaser names them (tar.gz, zip on Windows) with
# LICENSE and README.md, and a sha256 checksums.txt. Then it runs the binary for this machine:
# `cmplay version`, and `cmplay build` of the shipped playbook.
#
#   scripts/crossbuild.sh [OUT]     (default dist/)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
version=${VERSION:-v0.0.0-snapshot}

# The targets come from .goreleaser.yaml, so the two cannot drift apart.
goos=$(sed -n 's/^ *goos: \[\(.*\)\]/\1/p' .goreleaser.yaml | tr -d ' ' | tr ',' ' ')
goarch=$(sed -n 's/^ *goarch: \[\(.*\)\]/\1/p' .goreleaser.yaml | tr -d ' ' | tr ',' ' ')
[ -n "$goos" ] && [ -n "$goarch" ] || { echo "crossbuild: no goos/goarch in .goreleaser.yaml" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)
for os in $goos; do
	for arch in $goarch; do
		name=cmplay_${os}_${arch}
		dir=$out/$name
		exe=cmplay
		[ "$os" = windows ] && exe=cmplay.exe
		CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -ldflags "-s -w -X main.version=$version" -o "$dir/$exe" ./cmd/cmplay
		cp LICENSE README.md "$dir/"
		if [ "$os" = windows ]; then
			(cd "$dir" && python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    [z.write(f) for f in sys.argv[2:]]' "../$name.zip" "$exe" LICENSE README.md)
		else
			tar -C "$dir" -czf "$out/$name.tar.gz" "$exe" LICENSE README.md
		fi
		printf '%-28s %s\n' "$name" "$(du -h "$dir/$exe" | cut -f1)"
	done
done
(cd "$out" && sha256sum ./*.tar.gz ./*.zip | sed 's| \./| |' > checksums.txt)
echo "built $(ls "$out"/*.tar.gz "$out"/*.zip | wc -l) archives in $(( $(date +%s) - start ))s; checksums in $out/checksums.txt"

# The archive for this machine must unpack to a binary that runs and builds the playbook.
host=cmplay_$(go env GOOS)_$(go env GOARCH)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -C "$tmp" -xzf "$out/$host.tar.gz"
(cd "$out" && sha256sum --check --ignore-missing --quiet checksums.txt)
"$tmp/cmplay" version
"$tmp/cmplay" build --source . --out "$tmp/public" >/dev/null
test -f "$tmp/public/index.html"
echo "ok: $host builds the shipped playbook"
