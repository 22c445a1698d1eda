package site

import (
	"strings"
	"testing"

	"github.com/cmplay/cmplay/playbooks"
)

// TestPageURL: the markdown stage resolves links through New's indexes before Assemble runs: a
// file, a folder with an index page, a path without its .md, and static files.
func TestPageURL(t *testing.T) {
	s := New(parse(t, map[string]string{
		"_index.md":            "# Home\n",
		"roles/_index.md":      "# Roles\n",
		"roles/lead.md":        "# Lead\n",
		"guide/README.md":      "# Guide\n",
		"guide/Setup Steps.md": "# Setup\n",
		"noindex/page.md":      "# Page\n",
	}), []string{"img/logo.png", "files/plan"})
	tests := []struct {
		file string
		url  string // "" when it does not resolve
	}{
		{"roles/lead.md", "/roles/lead/"},
		{"roles/lead", "/roles/lead/"},
		{"roles", "/roles/"},
		{"roles/", "/roles/"},
		{"roles/_index.md", "/roles/"},
		{"guide", "/guide/"},
		{"guide/README.md", "/guide/"},
		{"guide/Setup Steps.md", "/guide/setup-steps/"},
		{"", "/"},
		{"_index.md", "/"},
		{"noindex/page", "/noindex/page/"},
		{"noindex", ""}, // a folder without an index page has no URL of its own
		{"roles/missing.md", ""},
		{"roles/lead.txt", ""},
		{"img/logo.png", ""}, // a static file is not a page
	}
	for _, tt := range tests {
		url, ok := s.PageURL(tt.file)
		if url != tt.url || ok != (tt.url != "") {
			t.Errorf("PageURL(%q) = %q, %v; want %q", tt.file, url, ok, tt.url)
		}
	}
	for file, want := range map[string]bool{"img/logo.png": true, "files/plan": true, "img": false, "roles/lead.md": false, "img/other.png": false} {
		if got := s.Static(file); got != want {
			t.Errorf("Static(%q) = %v, want %v", file, got, want)
		}
	}
	for _, p := range s.Pages {
		if s.ByFile[p.File] != p || s.ByURL[p.URL] != p {
			t.Errorf("%s (%s) missing from ByFile or ByURL", p.File, p.URL)
		}
	}
	if len(s.ByFile) != 6 || len(s.ByURL) != 6 {
		t.Errorf("ByFile has %d pages, ByURL %d; want 6", len(s.ByFile), len(s.ByURL))
	}
}

// TestIndexes: Assemble lists pages by kind and by tag in reading order, names role pages by
// their file name, and lists under each role the pages that name it in `roles`.
func TestIndexes(t *testing.T) {
	s := New(parse(t, map[string]string{
		"roles/lead.md":       fm("kind: role", "title: Lead", "weight: 1"),
		"roles/maintainer.md": fm("kind: role", "title: Maintainer", "weight: 2"),
		"roles/_index.md":     fm("kind: role", "title: Roles"),
		"a.md":                fm("title: A", "weight: 1", "roles: [lead, maintainer]", "tags: [events, Onboarding]"),
		"b.md":                fm("title: B", "weight: 2", "kind: checklist", "roles: [lead]", "tags: [events]"),
		"c.md":                fm("title: C", "weight: 3"),
	}), nil)
	if diags := s.Assemble(); len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	check := func(what string, got []*playbooks.Page, want ...string) {
		t.Helper()
		if g := fileList(got); strings.Join(g, " ") != strings.Join(want, " ") {
			t.Errorf("%s = %q, want %q", what, g, want)
		}
	}
	check("Kinds[page]", s.Kinds[playbooks.KindPage], "a.md", "c.md")
	check("Kinds[checklist]", s.Kinds[playbooks.KindChecklist], "b.md")
	check("Kinds[role]", s.Kinds[playbooks.KindRole], "roles/_index.md", "roles/lead.md", "roles/maintainer.md")
	check("Tags[events]", s.Tags["events"], "a.md", "b.md")
	check("Tags[Onboarding]", s.Tags["Onboarding"], "a.md")
	check("RoleUsers[lead]", s.RoleUsers["lead"], "a.md", "b.md")
	check("RoleUsers[maintainer]", s.RoleUsers["maintainer"], "a.md")
	for slug, file := range map[string]string{"lead": "roles/lead.md", "maintainer": "roles/maintainer.md", "roles": "roles/_index.md"} {
		if p := s.Roles[slug]; p == nil || p.File != file {
			t.Errorf("Roles[%q] = %v, want %s", slug, p, file)
		}
	}
	if len(s.Tags) != 2 || len(s.Roles) != 3 {
		t.Errorf("%d tags and %d roles, want 2 and 3", len(s.Tags), len(s.Roles))
	}
}

// TestUnknownRole: a role no role page has is a warning at the line of `roles`, with the
// nearest role as a suggestion, and the page is not listed under it.
func TestUnknownRole(t *testing.T) {
	s := New(parse(t, map[string]string{
		"roles/maintainer.md": fm("kind: role", "title: Maintainer"),
		"a.md":                fm("title: A", "summary: x", "roles:", "  - maintainers", "  - maintainer"),
		"b.md":                fm("roles: [nobody-at-all]"),
	}), nil)
	diags := s.Assemble()
	if len(diags) != 2 {
		t.Fatalf("want two diagnostics, got %v", diags)
	}
	want := []struct {
		file  string
		line  int
		name  string
		guess string
	}{
		{"a.md", 4, `"maintainers"`, `did you mean "maintainer"?`},
		{"b.md", 2, `"nobody-at-all"`, ""},
	}
	for i, w := range want {
		d := diags[i]
		if d.File != w.file || d.Line != w.line || d.Severity != playbooks.Warning || d.Rule != "unknown-role" || !strings.Contains(d.Msg, w.name) {
			t.Errorf("diagnostic %d = %v, want %s:%d naming %s", i, d, w.file, w.line, w.name)
		}
		if w.guess != "" && !strings.Contains(d.Fix, w.guess) || w.guess == "" && strings.Contains(d.Fix, "did you mean") {
			t.Errorf("fix %q, want suggestion %q", d.Fix, w.guess)
		}
	}
	if got := fileList(s.RoleUsers["maintainer"]); len(got) != 1 || got[0] != "a.md" {
		t.Errorf("RoleUsers[maintainer] = %q, want [a.md]", got)
	}
	if _, ok := s.RoleUsers["maintainers"]; ok {
		t.Error("an unknown role has users")
	}
}
