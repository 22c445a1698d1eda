#!/usr/bin/env bash
# bench/build.sh [PAGES] [COMMITS] [RUNS]: full-build time and peak memory of cmplay against Hugo
# on the same generated corpus (../shared/bench/gencorpus.py), measured in the same run, as ratios.
# Hugo (apt-get install hugo) builds with enableGitInfo and two bare layouts, as in the reference
# figures; cmplay builds with its full theme, navigation, checklists, search index and git history.
#
# The runs alternate, so that a change in the machine's load falls on both tools alike: each round
# builds cmplay cold (an empty output folder and an empty history cache, as on CI), Hugo cold (an
# empty output folder), then cmplay warm and Hugo warm (again into the same folders), then cmplay
# forced (build --force). No input changes between the runs, so cmplay's warm build finds the
# output up to date and writes nothing; the forced build runs every stage again, with the
# history cache and the spare folder (what Hugo's warm build does). Reported: the median of RUNS
# rounds for each, and the ratios cmplay/Hugo cold, warm and forced against Hugo warm.
set -euo pipefail
pages=${1:-2000}; commits=${2:-3000}; runs=${3:-5}
here=$(cd "$(dirname "$0")" && pwd); repo=$(dirname "$here")
. "$here/hugo-site.sh"
gen=${GENCORPUS:-$repo/../shared/bench/gencorpus.py}
command -v hugo >/dev/null || { echo "hugo not installed (apt-get install hugo): no baseline" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
corpus=$work/corpus
python3 "$gen" "$corpus" "$pages" "$commits" >/dev/null
(cd "$repo" && go build -o "$work/cmplay" ./cmd/cmplay)

hsite=$work/hugo-site
hugo_site "$corpus" "$hsite"

# run LABEL CMD...: runs CMD once under /usr/bin/time and appends "seconds KB" to $work/LABEL.
run() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/t" >>"$work/$label"
}
export XDG_CACHE_HOME=$work/cache
echo "corpus: $pages pages, $commits commits; $runs alternated rounds; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for _ in $(seq "$runs"); do
  # cmplay keeps the build before last beside the output as a spare to update: cold, it goes too.
  rm -rf "$work/cm-out" "$work/.cm-out.cmplay-spare" "$work/hugo-out" "$XDG_CACHE_HOME"
  run cm-cold "$work/cmplay" build --source "$corpus" --out "$work/cm-out"
  run hugo-cold hugo --quiet -s "$hsite" -d "$work/hugo-out"
  run cm-warm "$work/cmplay" build --source "$corpus" --out "$work/cm-out"
  run hugo-warm hugo --quiet -s "$hsite" -d "$work/hugo-out"
  run cm-force "$work/cmplay" build --force --source "$corpus" --out "$work/cm-out"
done
n=$(find "$work/hugo-out" -name index.html | wc -l)
[ "$n" -ge "$pages" ] || { echo "hugo wrote only $n pages: baseline invalid" >&2; exit 1; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# median LABEL: the median seconds and peak MB of LABEL's runs.
median() {
  local m=$(( (runs + 1) / 2 ))
  echo "$(cut -d' ' -f1 "$work/$1" | sort -n | sed -n "${m}p") $(( $(cut -d' ' -f2 "$work/$1" | sort -n | sed -n "${m}p") / 1024 ))"
}
for l in cm-cold hugo-cold cm-warm hugo-warm cm-force; do
  read -r s mb < <(median "$l")
  printf '%-10s %8.3f s %6d MB   (runs: %s)\n' "$l" "$s" "$mb" "$(cut -d' ' -f1 "$work/$l" | tr '\n' ' ')" >&2
  eval "${l//-/_}_s=$s ${l//-/_}_mb=$mb"
done
awk -v cc="$cm_cold_s" -v hc="$hugo_cold_s" -v cw="$cm_warm_s" -v hw="$hugo_warm_s" -v cf="$cm_force_s" \
  -v mc="$cm_cold_mb" -v hmc="$hugo_cold_mb" -v mw="$cm_warm_mb" -v hmw="$hugo_warm_mb" 'BEGIN {
  printf "cmplay/hugo time, cold:   %.2f (goal <= 0.50)\ncmplay/hugo time, warm:   %.2f (goal <= 0.50)\n", cc / hc, cw / hw
  printf "cmplay forced/hugo warm:  %.2f (every stage again)\n", cf / hw
  printf "cmplay/hugo memory, cold: %.2f (goal < 1.00)\ncmplay/hugo memory, warm: %.2f (goal < 1.00)\n", mc / hmc, mw / hmw }'
