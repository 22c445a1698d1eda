#!/usr/bin/env bash
# bench/build.sh [PAGES] [COMMITS] [RUNS]: full-build time and peak memory of cmplay against Hugo
# on the same generated corpus (../shared/bench/gencorpus.py), measured in the same run, as ratios.
# Hugo (apt-get install hugo) builds with enableGitInfo and two bare layouts, as in the reference
# figures; cmplay builds with its full theme, navigation, checklists, search index and git history.
set -euo pipefail
pages=${1:-2000}; commits=${2:-3000}; runs=${3:-5}
here=$(cd "$(dirname "$0")" && pwd); repo=$(dirname "$here")
gen=${GENCORPUS:-$repo/../shared/bench/gencorpus.py}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
corpus=$work/corpus
python3 "$gen" "$corpus" "$pages" "$commits" >/dev/null
(cd "$repo" && go build -o "$work/cmplay" ./cmd/cmplay)

# measure NAME CMD...: runs CMD $runs times into the same output folder, prints the median wall
# time (s) and peak RSS (MB); the first run, into an empty folder, is shown beside it.
measure() {
  local name=$1; shift
  local times=() rss=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    read -r t m <"$work/t"; times+=("$t"); rss+=("$m")
  done
  local mt mr
  mt=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  mr=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%-28s %8.3f s %8.0f MB   (first run, into an empty folder: %s s)\n' "$name" "$mt" "$((mr / 1024))" "${times[0]}" >&2
  echo "$mt $((mr / 1024))"
}

echo "corpus: $pages pages, $commits commits; median of $runs runs" >&2
read -r ct cm < <(measure "cmplay build" "$work/cmplay" build --source "$corpus" --out "$work/cm-out")
rm -rf "$work/cm-out"
if command -v hugo >/dev/null 2>&1; then
  # Hugo reserves the front matter key "kind" and skips every page that sets it, so it builds a
  # copy without those lines; the git history (for enableGitInfo) is copied with it.
  cp -a "$corpus" "$work/hugo-site"; corpus=$work/hugo-site
  find "$corpus/content" -name '*.md' -exec sed -i '/^kind: /d' {} +
  # The corpus's root page is content/index.md, which Hugo reads as a leaf bundle holding every
  # other page as a resource; _index.md is the section page Hugo expects.
  [ -f "$corpus/content/index.md" ] && mv "$corpus/content/index.md" "$corpus/content/_index.md"
  mkdir -p "$corpus/layouts/_default"
  printf '<!doctype html><title>{{ .Title }}</title>{{ .Content }}{{ with .GitInfo }}{{ .AuthorName }} {{ .Subject }}{{ end }}' >"$corpus/layouts/_default/single.html"
  printf '<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}' >"$corpus/layouts/_default/list.html"
  printf 'baseURL = "/"\nenableGitInfo = true\ndisableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\nunsafe = false\n' >"$corpus/hugo.toml"
  read -r ht hm < <(measure "hugo (git info, 2 layouts)" hugo --quiet -s "$corpus" -d "$work/hugo-out")
  n=$(find "$work/hugo-out" -name index.html | wc -l)
  [ "$n" -ge "$pages" ] || { echo "hugo wrote only $n pages: baseline invalid" >&2; exit 1; }
  awk -v c="$ct" -v h="$ht" -v cm="$cm" -v hm="$hm" 'BEGIN {
    printf "cmplay/hugo time ratio:   %.2f (goal <= 0.50)\ncmplay/hugo memory ratio: %.2f (goal <= 1.00)\n", c / h, cm / hm }'
else
  echo "hugo not installed (apt-get install hugo): no baseline, no ratio" >&2
fi
