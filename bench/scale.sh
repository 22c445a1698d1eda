#!/usr/bin/env bash
# bench/scale.sh [SIZE...]: how cmplay scales with the size of a site, against Hugo in the same
# run. A SIZE is a page count for a generated corpus (../shared/bench/gencorpus.py, 3,000
# commits), or "treeN" for a generated N-page tree shaped like tldr-pages (bench/gentree.py: a
# few folders of thousands of small pages, 20,000 commits with renames). Default: 1000 5000
# 20000 tree38000. Each size is built:
#   - by cmplay cold: an empty output folder and an empty history cache (as CI and Netlify);
#   - by cmplay warm: again, into the same output folder with the cache of the cold build;
#   - by Hugo once, with enableGitInfo and two bare layouts (as bench/build.sh).
# Reported per size: wall time, peak RSS, output bytes, largest page (path), search index bytes,
# and the ratios cmplay/Hugo. Large sizes take minutes and gigabytes: on a shared machine, run
# them one at a time and say the machine was loaded.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(dirname "$here")
gencorpus=${GENCORPUS:-$repo/../shared/bench/gencorpus.py}
[ $# -gt 0 ] || set -- 1000 5000 20000 tree38000
command -v hugo >/dev/null || { echo "hugo not installed (apt-get install hugo): no baseline" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/cmplay" ./cmd/cmplay)

# run NAME CMD...: runs CMD once under /usr/bin/time; prints "seconds peakMB".
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { echo "$name failed:" >&2; cat "$work/err" >&2; exit 1; }
  read -r s k <"$work/t"
  echo "$s $((k / 1024))"
}

# largest FOLDER: the largest .html file, "KB path".
largest() { find "$1" -name '*.html' -printf '%s %P\n' | sort -n | tail -1 | awk '{ printf "%.0f %s\n", $1 / 1024, $2 }'; }
mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1048576 }'; }

printf '%-10s %9s %9s %8s %9s %9s %8s | %9s %8s %9s | %7s %7s %7s\n' size cold_s warm_s rss_MB out_MB search_MB page_KB hugo_s hugo_MB hugo_out time_x rss_x out_x
for size in "$@"; do
  corpus=$work/corpus-$size
  case $size in
    tree*) python3 "$here/gentree.py" "$corpus" "${size#tree}" 20000 >/dev/null; pages=${size#tree} ;;
    *) python3 "$gencorpus" "$corpus" "$size" 3000 >/dev/null; pages=$size ;;
  esac
  out=$work/out-$size
  export XDG_CACHE_HOME=$work/cache-$size
  read -r cs cm < <(run "cmplay cold" "$work/cmplay" build --source "$corpus" --out "$out")
  read -r ws wm < <(run "cmplay warm" "$work/cmplay" build --source "$corpus" --out "$out")
  rss=$(( cm > wm ? cm : wm ))
  outmb=$(mb "$out"); search=$(mb "$out/search"); read -r pkb ppath < <(largest "$out")
  rm -rf "$out" "$XDG_CACHE_HOME"

  # Hugo builds a copy: without cmplay's "kind" key (Hugo reserves it) and with _index.md as
  # the home page, as bench/build.sh explains.
  find "$corpus/content" -name '*.md' -exec sed -i '/^kind: /d' {} +
  [ -f "$corpus/content/index.md" ] && mv "$corpus/content/index.md" "$corpus/content/_index.md"
  mkdir -p "$corpus/layouts/_default"
  printf '<!doctype html><title>{{ .Title }}</title>{{ .Content }}{{ with .GitInfo }}{{ .AuthorName }} {{ .Subject }}{{ end }}' >"$corpus/layouts/_default/single.html"
  printf '<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}' >"$corpus/layouts/_default/list.html"
  printf 'baseURL = "/"\nenableGitInfo = true\ndisableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\nunsafe = false\n' >"$corpus/hugo.toml"
  read -r hs hm < <(run hugo hugo --quiet -s "$corpus" -d "$work/hugo-$size")
  n=$(find "$work/hugo-$size" -name index.html | wc -l)
  [ "$n" -ge "$pages" ] || { echo "hugo wrote only $n pages of $pages: baseline invalid" >&2; exit 1; }
  hout=$(mb "$work/hugo-$size")
  rm -rf "$work/hugo-$size" "$corpus"
  printf '%-10s %9.2f %9.2f %8d %9s %9s %8s | %9.2f %8d %9s | %7.2f %7.2f %7.2f\n' "$size" "$cs" "$ws" "$rss" "$outmb" "$search" "$pkb" "$hs" "$hm" "$hout" \
    "$(echo "$cs / $hs" | bc -l)" "$(echo "$rss / $hm" | bc -l)" "$(echo "$outmb / $hout" | bc -l)"
  echo "           largest page: $ppath" >&2
done
echo "time_x, rss_x, out_x: cmplay cold time, peak RSS and output bytes over Hugo's (same run)." >&2
