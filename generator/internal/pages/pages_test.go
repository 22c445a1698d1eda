package pages

import (
	"fmt"
	"maps"
	"path"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/generator/internal/load"
)

func TestURL(t *testing.T) {
	tests := []struct{ file, want string }{
		{"roles/internal.md", "/roles/internal/"},
		{"roles/_index.md", "/roles/"},
		{"roles/README.md", "/roles/"},
		{"_index.md", "/"},
		{"README.md", "/"},
		{"Roles/Internal CM.md", "/roles/internal-cm/"},
		{"c++.md", "/c++/"},
		{"[.md", "/5b/"},
		{"..md", "/2e/"},
		{"a/...md", "/a/2e2e/"},
		{"Über uns.md", "/über-uns/"},
		{"notes/2024 Q1: plan?.md", "/notes/2024-q1-plan/"},
		{"x/--weird--.md", "/x/weird/"},
	}
	for _, tt := range tests {
		if got := URL(tt.file); got != tt.want {
			t.Errorf("URL(%q) = %q, want %q", tt.file, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	srcs := []load.Source{
		{File: "a.md", Data: []byte("---\ntitle: From front matter\n---\n# Heading\n")},
		{File: "b.md", Data: []byte("Intro\n\n```\n# not a heading\n```\n\n# Real **heading**\n")},
		{File: "getting-started.md", Data: []byte("no heading at all\n")},
		{File: "draft.md", Data: []byte("---\ndraft: true\n---\n")},
		{File: "a~.md", Data: []byte("same URL as a.md\n")},
	}
	ps, diags := Parse(srcs, false)
	titles := map[string]string{}
	for _, p := range ps {
		titles[p.File] = p.Title
	}
	want := map[string]string{"a.md": "From front matter", "b.md": "Real heading", "getting-started.md": "Getting started"}
	for f, w := range want {
		if titles[f] != w {
			t.Errorf("title of %s = %q, want %q", f, titles[f], w)
		}
	}
	if _, ok := titles["draft.md"]; ok {
		t.Error("draft built without --drafts")
	}
	if len(diags) != 1 || diags[0].Rule != "duplicate-url" || !strings.Contains(diags[0].Msg, "a~.md") || !strings.Contains(diags[0].Msg, "a.md") {
		t.Fatalf("want one duplicate-url diagnostic naming both files, got %v", diags)
	}
	if ps2, _ := Parse(srcs[3:4], true); len(ps2) != 1 {
		t.Error("draft not built with drafts on")
	}
}

// TestOneIndexPerFolder: a folder with index.md for the site and README.md for GitHub (as Jekyll
// and MkDocs repositories have) builds index.md as the folder's page and README.md as a page of
// the folder, instead of reporting two files on one URL.
func TestOneIndexPerFolder(t *testing.T) {
	ps, diags := Parse([]load.Source{
		{File: "guide/README.md", Data: []byte("For GitHub readers.\n")},
		{File: "guide/index.md", Data: []byte("# Guide\n")},
		{File: "guide/_index.md", Data: []byte("---\ntitle: Hugo's\n---\n")},
		{File: "docs/README.md", Data: []byte("# Docs\n")},
	}, false)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	got := map[string]string{}
	for _, p := range ps {
		got[p.File] = fmt.Sprintf("%s %v %s", p.URL, p.IsIndex, p.Title)
	}
	want := map[string]string{
		"guide/_index.md": "/guide/ true Hugo's",
		"guide/index.md":  "/guide/index/ false Guide",
		"guide/README.md": "/guide/readme/ false README",
		"docs/README.md":  "/docs/ true Docs",
	}
	if !maps.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

// TestPermalinks gives pages the URLs their front matter asks for.
func TestPermalinks(t *testing.T) {
	ps, diags := Parse([]load.Source{
		{File: "a.md", Data: []byte("---\npermalink: /Guides/Setup.html\n---\n")},
		{File: "docs/b.md", Data: []byte("---\nslug: bee\n---\n")},
		{File: "docs/c.md", Data: []byte("---\nslug: /top/sea\n---\n")},
		{File: "home.md", Data: []byte("---\npermalink: /\n---\n")},
		{File: "d.md", Data: []byte("---\npermalink: /:year/:title/\n---\n")},
	}, false)
	got := map[string]string{}
	for _, p := range ps {
		got[p.File] = p.URL
	}
	want := map[string]string{"a.md": "/guides/setup/", "docs/b.md": "/docs/bee/", "docs/c.md": "/top/sea/", "home.md": "/", "d.md": "/d/"}
	if !maps.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if len(diags) != 1 || diags[0].Rule != "permalink" || diags[0].Line != 2 {
		t.Errorf("want one permalink warning at d.md:2, got %v", diags)
	}
}

// FuzzPermalinkURL: whatever a page's front matter asks for, the URL it gets is a clean folder
// path below the site root, so the page is written inside the output folder.
func FuzzPermalinkURL(f *testing.F) {
	for _, s := range []string{"/", "/a/b.html", "../../etc/passwd", "/x/../..", "...", "/:title/", "a//b", "\x00", "/é/ü.html", "index.html"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := PermalinkURL(s)
		if err != nil {
			return
		}
		if !strings.HasPrefix(u, "/") || !strings.HasSuffix(u, "/") || strings.Contains(u, "//") && u != "/" || path.Clean(u) != strings.TrimSuffix(u, "/") && u != "/" {
			t.Fatalf("PermalinkURL(%q) = %q: not a clean folder path", s, u)
		}
		for _, seg := range strings.Split(strings.Trim(u, "/"), "/") {
			if seg == "." || seg == ".." || strings.ContainsFunc(seg, func(r rune) bool { return r < ' ' || r == '\\' }) {
				t.Fatalf("PermalinkURL(%q) = %q has the segment %q", s, u, seg)
			}
		}
	})
}
