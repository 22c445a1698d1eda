#!/bin/sh
# search-vs-pagefind.sh: bytes a first search query fetches from cmplay's built-in index and from
# Pagefind's, on the same built sites, in the same run, in headless Chromium.
#
#   bench/search-vs-pagefind.sh [OUT]        (default OUT=/tmp/search-vs-pagefind)
#
# For each site (the shipped playbook, and generated playbooks of 1,000 and 5,000 pages from
# /work/shared/bench/gencorpus.py or $GENCORPUS), it builds the site with cmplay, indexes the built
# HTML with Pagefind (npx pagefind, installed on first use) and runs bench/searchbytes over the
# same queries, once with gzip as static hosts serve and once uncompressed as a plain file server
# does. Needs Go, Python 3, git, Node/npx and Chromium.
set -eu
OUT=${1:-/tmp/search-vs-pagefind}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GENCORPUS=${GENCORPUS:-/work/shared/bench/gencorpus.py}
QUERIES="escalation|community|controversial|community manager|moderator feedback|escalat|newsletter advocate|weekly report"
mkdir -p "$OUT"
cd "$ROOT"
go build -o "$OUT/cmplay" ./cmd/cmplay
go build -o "$OUT/searchbytes" ./bench/searchbytes
PAGEFIND="npx --yes pagefind@1.6.0"

run() { # run NAME SOURCE
	name=$1 src=$2 site="$OUT/site-$1"
	"$OUT/cmplay" build --source "$src" --out "$site" >/dev/null
	$PAGEFIND --site "$site" --root-selector main --quiet >/dev/null
	echo "== $name: index bytes on disk: cmplay $(du -sb "$site/search" | cut -f1), pagefind $(du -sb "$site/pagefind" | cut -f1)"
	old_ifs=$IFS; IFS='|'; set -- $QUERIES; IFS=$old_ifs
	echo "-- gzip (as static hosts serve)"
	"$OUT/searchbytes" -site "$site" "$@"
	echo "-- uncompressed (a plain file server, or file://)"
	"$OUT/searchbytes" -site "$site" -gzip=false "$@"
}

run shipped "$ROOT"
for n in 1000 5000; do
	[ -d "$OUT/corpus-$n" ] || python3 "$GENCORPUS" "$OUT/corpus-$n" "$n" 1 >/dev/null
	run "gen$n" "$OUT/corpus-$n"
done
