package playbooks

import (
	"strings"
	"testing"
)

func TestRelURL(t *testing.T) {
	tests := []struct {
		from, to string
		file     bool
		want     string
	}{
		{"/", "/roles/a/", false, "roles/a/"},
		{"/roles/a/", "/guidelines/b/", false, "../../guidelines/b/"},
		{"/roles/a/", "/roles/b/", false, "../b/"},
		{"/roles/a/", "/roles/a/", false, "./"},
		{"/roles/a/", "/", false, "../../"},
		{"/roles/a/", "/assets/x.css", false, "../../assets/x.css"},
		{"/roles/a/", "/roles/a/img.png", false, "img.png"},
		{"/roles/a/", "/roles/b/#duties", false, "../b/#duties"},
		{"/roles/a/", "/roles/b/", true, "../b/index.html"},
		{"/", "/", true, "index.html"},
		{"/roles/a/", "/roles/a/#x", false, "./#x"},
		{"/404.html", "/roles/", false, "roles/"},
	}
	for _, tt := range tests {
		if got := RelURL(tt.from, tt.to, tt.file); got != tt.want {
			t.Errorf("RelURL(%q, %q, %v) = %q, want %q", tt.from, tt.to, tt.file, got, tt.want)
		}
	}
}

// relURLSplit is RelURL as first written, splitting both paths: the reference FuzzRelURL holds
// the segment-walking RelURL to.
func relURLSplit(from, to string, fileURLs bool) string {
	suffix := ""
	if i := strings.IndexAny(to, "?#"); i >= 0 {
		to, suffix = to[:i], to[i:]
	}
	fromDir := from[:strings.LastIndexByte(from, '/')+1]
	fs := strings.Split(strings.Trim(fromDir, "/"), "/")
	ts := strings.Split(strings.TrimPrefix(to, "/"), "/")
	if fromDir == "/" {
		fs = nil
	}
	i := 0
	for i < len(fs) && i < len(ts)-1 && fs[i] == ts[i] {
		i++
	}
	rel := strings.Repeat("../", len(fs)-i) + strings.Join(ts[i:], "/")
	if fileURLs && (rel == "" || strings.HasSuffix(rel, "/")) {
		rel += "index.html"
	}
	if rel == "" {
		rel = "./"
	}
	return rel + suffix
}

// FuzzRelURL: RelURL gives the link the splitting reference gives, for any pair of paths.
func FuzzRelURL(f *testing.F) {
	for _, s := range [][2]string{{"/", "/roles/a/"}, {"/roles/a/", "/roles/a/"}, {"/a/b/c", "/a/b/"}, {"//", "//x"},
		{"/a//b/", "/a//c"}, {"/a/b/", "/a/b"}, {"/404.html", "/"}, {"/a/", "/a/b/#x?y"}, {"/x/y/z/", "/x/"}} {
		f.Add(s[0], s[1], false)
		f.Add(s[0], s[1], true)
	}
	f.Fuzz(func(t *testing.T, from, to string, file bool) {
		if !strings.HasPrefix(from, "/") || !strings.HasPrefix(to, "/") {
			return
		}
		if got, want := RelURL(from, to, file), relURLSplit(from, to, file); got != want {
			t.Errorf("RelURL(%q, %q, %v) = %q, want %q", from, to, file, got, want)
		}
	})
}
