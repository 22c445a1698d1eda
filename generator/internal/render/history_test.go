package render

import (
	"strings"
	"testing"
	"time"

	"github.com/cmplay/cmplay/generator/internal/history"
	"github.com/cmplay/cmplay/playbooks"
)

// TestHistoryView: Config.History nil (no repository) shows no history and no changelog feed;
// the history stage's view shows a page's commits, linked to the forge, with a subject written
// to run script shown as text.
func TestHistoryView(t *testing.T) {
	s := assemble(t, map[string]string{"_index.md": "# Home\n", "a.md": "# A\n", "b.md": "# B\n"})
	c := &history.Commit{Commit: playbooks.Commit{Hash: "0123456789abcdef0123456789abcdef01234567", Author: "Ada",
		Date: time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC), Subject: "Reword <script>alert(1)</script> (#12)", PR: 12}}
	log := &history.Log{Commits: []*history.Commit{c}, Files: map[string]*history.File{
		"a.md": {Path: "a.md", Commits: []*history.Commit{c}, Created: c},
	}}
	view := history.NewSite(log, history.Forge{RepoURL: "https://github.com/o/r"}, s.Pages)
	tests := []struct {
		name    string
		history HistoryView
		page    string
		want    []string // in the page
		wantNot []string
	}{
		{"no repository", nil, "a.md", nil,
			[]string{`class="page-history"`, "changelog.xml", "0123456"}},
		{"a page with commits", view, "a.md",
			[]string{`class="page-history"`, `href="../changelog.xml"`, "4 March 2026", "Ada",
				`href="https://github.com/o/r/commit/0123456789abcdef0123456789abcdef01234567"`,
				`href="https://github.com/o/r/pull/12"`, "Reword &lt;script&gt;alert(1)&lt;/script&gt;", `<code class="commit-hash">0123456</code>`},
			[]string{"<script>alert"}},
		{"a page without commits", view, "b.md",
			[]string{`href="../changelog.xml"`},
			[]string{`class="page-history"`, "0123456"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(defaultTheme(t), s, Config{BaseURL: "/", BasePath: "/", Assets: assetPaths, History: tt.history})
			out := renderPage(t, r, s, tt.page)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("no %q in the page", w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("%q in the page", w)
				}
			}
		})
	}
}
