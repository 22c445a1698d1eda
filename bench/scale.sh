#!/usr/bin/env bash
# bench/scale.sh [SIZE...]: how cmplay scales with the size of a site, against Hugo in the same
# run. A SIZE is a page count for a generated corpus (../shared/bench/gencorpus.py, 3,000
# commits), or "treeN" for a generated N-page tree shaped like tldr-pages (bench/gentree.py: a
# few folders of thousands of small pages, 20,000 commits with renames). Default: 1000 5000
# 20000 tree38000. Each size is built:
#   - by cmplay cold: an empty output folder and an empty history cache (as CI and Netlify);
#   - by cmplay warm: again, into the same output folder with the cache of the cold build: no
#     input changed, so the build finds the output up to date and writes nothing;
#   - by cmplay forced (build --force): every stage again, with the history cache and the spare
#     folder of the builds before (what an edit to a page that every page shows costs);
#   - by Hugo once, with enableGitInfo and two bare layouts (as bench/build.sh), on a copy.
# Reported per size: wall and CPU time, peak RSS (cold and warm), output bytes, largest page,
# search index bytes, the bytes (gzip) the largest of a few first queries fetches in Chromium
# (bench/searchbytes) and what a phrase query fetches, the ratios cmplay/Hugo, and the load
# average before and after.
#
# Generating a corpus takes minutes at 20,000 pages: with CORPORA=DIR, corpora are kept in DIR
# (DIR/c20000, DIR/tree38000) and reused by the next run. Large sizes take minutes and
# gigabytes: on a shared machine, run them one at a time and say how loaded the machine was.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(dirname "$here")
. "$here/hugo-site.sh"
gencorpus=${GENCORPUS:-$repo/../shared/bench/gencorpus.py}
[ $# -gt 0 ] || set -- 1000 5000 20000 tree38000
command -v hugo >/dev/null || { echo "hugo not installed (apt-get install hugo): no baseline" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
corpora=${CORPORA:-$work}
(cd "$repo" && go build -o "$work/cmplay" ./cmd/cmplay && go build -o "$work/searchbytes" ./bench/searchbytes)

# run NAME CMD...: runs CMD once under /usr/bin/time; prints "seconds peakMB cpuSeconds".
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { echo "$name failed:" >&2; cat "$work/err" >&2; exit 1; }
  read -r s k u y <"$work/t"
  echo "$s $((k / 1024)) $(echo "$u + $y" | bc)"
}

# largest FOLDER: the largest .html file, "KB path".
largest() { find "$1" -name '*.html' -printf '%s %P\n' | sort -n | tail -1 | awk '{ printf "%.0f %s\n", $1 / 1024, $2 }'; }
mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1048576 }'; }
load() { cut -d' ' -f1 /proc/loadavg; }

printf '%-10s %7s %7s %7s %7s %7s %7s %7s %8s %7s %7s %7s | %7s %7s %7s %7s | %6s %6s %6s | %s\n' \
  size cold_s cpu_s warm_s force_s rss_c rss_w out_MB search_MB q_KB ph_KB page_KB hugo_s cpu_s hugo_MB h_out time_x rss_x out_x load
for size in "$@"; do
  case $size in
    tree*) corpus=$corpora/$size; pages=${size#tree}; queries=(file archive "extract archive" comp netwrok "recursive -verbose"); phrase='"print user"'
      [ -d "$corpus" ] || python3 "$here/gentree.py" "$corpus" "$pages" 20000 >/dev/null ;;
    *) corpus=$corpora/c$size; pages=$size; queries=(community escalation "community manager" mod moderatr "forum -brand"); phrase='"code of conduct"'
      [ -d "$corpus" ] || python3 "$gencorpus" "$corpus" "$size" 3000 >/dev/null ;;
  esac
  l0=$(load)
  out=$work/out-$size
  export XDG_CACHE_HOME=$work/cache-$size
  read -r cs cm cc < <(run "cmplay cold" "$work/cmplay" build --source "$corpus" --out "$out")
  read -r ws wm _ < <(run "cmplay warm" "$work/cmplay" build --source "$corpus" --out "$out")
  read -r fs fm _ < <(run "cmplay forced" "$work/cmplay" build --force --source "$corpus" --out "$out")
  wm=$(( wm > fm ? wm : fm ))
  rss=$(( cm > wm ? cm : wm ))
  outmb=$(mb "$out"); search=$(mb "$out/search"); read -r pkb ppath < <(largest "$out")
  qkb=$("$work/searchbytes" -pagefind=false -site "$out" "${queries[@]}" 2>/dev/null | awk '/^largest first query/ { print $4 }')
  phkb=$("$work/searchbytes" -pagefind=false -site "$out" "$phrase" 2>/dev/null | awk '/^largest first query/ { print $4 }')
  rm -rf "$out" "$(dirname "$out")/.out-$size.cmplay-spare" "$XDG_CACHE_HOME"

  # Hugo builds a copy (bench/hugo-site.sh says how).
  hsite=$work/hugo-site
  hugo_site "$corpus" "$hsite"
  read -r hs hm hc < <(run hugo hugo --quiet -s "$hsite" -d "$work/hugo-$size")
  n=$(find "$work/hugo-$size" -name index.html | wc -l)
  [ "$n" -ge "$pages" ] || { echo "hugo wrote only $n pages of $pages: baseline invalid" >&2; exit 1; }
  hout=$(mb "$work/hugo-$size")
  rm -rf "$work/hugo-$size" "$hsite"
  [ "$corpora" != "$work" ] || rm -rf "$corpus"
  printf '%-10s %7.1f %7.1f %7.2f %7.1f %7d %7d %7s %8s %7s %7s %7s | %7.1f %7.1f %7d %7s | %6.2f %6.2f %6.2f | %s→%s\n' \
    "$size" "$cs" "$cc" "$ws" "$fs" "$cm" "$wm" "$outmb" "$search" "$qkb" "$phkb" "$pkb" "$hs" "$hc" "$hm" "$hout" \
    "$(echo "$cs / $hs" | bc -l)" "$(echo "$rss / $hm" | bc -l)" "$(echo "$outmb / $hout" | bc -l)" "$l0" "$(load)"
  echo "           largest page: $ppath" >&2
done
echo "cpu_s: user + system seconds; warm_s: the up-to-date build, force_s: build --force after it; rss_c, rss_w: peak RSS (MB) cold, and the larger of warm and forced; q_KB: the largest first query's download (gzip) of a few words, a prefix, a typo and an exclusion; ph_KB: a phrase's, whose words are on most pages but never side by side, the worst case (MaxChecked documents' pages)." >&2
echo "time_x, rss_x, out_x: cmplay cold time, peak RSS (the larger of cold and warm) and output bytes over Hugo's (same run); load: 1-minute load average before → after." >&2
