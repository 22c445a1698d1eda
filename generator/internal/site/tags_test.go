package site

import (
	"maps"
	"slices"
	"testing"
)

// TestTagSlug: a tag's listing is named by its slug: lower case, separators as hyphens, the
// characters that mean something in a URL dropped, hex for a tag left empty.
func TestTagSlug(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"onboarding", "onboarding"},
		{"Onboarding", "onboarding"},
		{"word of mouth", "word-of-mouth"},
		{"ci/cd", "ci-cd"},
		{"snake_case", "snake-case"},
		{"C#", "c"},
		{"v1.2", "v12"},
		{"100%", "100"},
		{"what?", "what"},
		{`back\slash`, "backslash"},
		{"Über", "über"},
		{"#", "23"},
		{"..", "2e2e"},
	}
	for _, tt := range tests {
		if got := TagSlug(tt.tag); got != tt.want {
			t.Errorf("TagSlug(%q) = %q, want %q", tt.tag, got, tt.want)
		}
	}
}

// TestTagsShareASlug: tags written differently that have one listing page ("Onboarding" and
// "onboarding", "C#" and "c") are one tag, named as the first page in reading order writes it,
// so that listing lists every page whose tag links to it (and two builds write the same one).
func TestTagsShareASlug(t *testing.T) {
	s := New(parse(t, map[string]string{
		"a.md": fm("title: A", "weight: 1", "tags: [Onboarding, c]"),
		"b.md": fm("title: B", "weight: 2", "tags: [onboarding]"),
		"c.md": fm("title: C", "weight: 3", "tags: [C#, c, Events]"),
		"d.md": fm("title: D", "weight: 4", "tags: [events]"),
	}), nil)
	if diags := s.Assemble(); len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := map[string][]string{"Onboarding": {"a.md", "b.md"}, "c": {"a.md", "c.md"}, "Events": {"c.md", "d.md"}}
	if len(s.Tags) != len(want) {
		t.Errorf("tags %q, want %d", slices.Sorted(maps.Keys(s.Tags)), len(want))
	}
	for tag, files := range want {
		if got := fileList(s.Tags[tag]); !slices.Equal(got, files) {
			t.Errorf("Tags[%q] = %q, want %q", tag, got, files)
		}
	}
}
