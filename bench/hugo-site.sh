# hugo_site CORPUS DEST: makes DEST a copy of a generated cmplay corpus that Hugo builds the way
# the benchmarks compare it (sourced by build.sh and scale.sh). Hugo reserves the front matter
# key "kind" and skips every page that sets it, so the copy has no such lines; the git history
# (for enableGitInfo) is copied with it. The corpus's root page is content/index.md, which Hugo
# reads as a leaf bundle holding every other page as a resource; _index.md is the section page
# Hugo expects. Two minimal layouts, git info on, no taxonomies or feeds.
hugo_site() {
  local corpus=$1 hsite=$2
  cp -a "$corpus" "$hsite"
  find "$hsite/content" -name '*.md' -exec sed -i '/^kind: /d' {} +
  [ -f "$hsite/content/index.md" ] && mv "$hsite/content/index.md" "$hsite/content/_index.md"
  mkdir -p "$hsite/layouts/_default"
  printf '<!doctype html><title>{{ .Title }}</title>{{ .Content }}{{ with .GitInfo }}{{ .AuthorName }} {{ .Subject }}{{ end }}' >"$hsite/layouts/_default/single.html"
  printf '<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}' >"$hsite/layouts/_default/list.html"
  printf 'baseURL = "/"\nenableGitInfo = true\ndisableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\nunsafe = false\n' >"$hsite/hugo.toml"
}
