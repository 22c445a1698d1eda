package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cmplay/cmplay/playbooks"
)

// TestTitleHeadingShownOnce: the heading a title came from is left out of the body even when
// badges, a logo or a comment come before it; the badges stay.
func TestTitleHeadingShownOnce(t *testing.T) {
	tests := []struct {
		name, body, title string
		titleLine         int
		gone, kept        []string
	}{
		{"first line", "# Handbook\n\nText.\n", "Handbook", 1, []string{"<h1"}, []string{"<p>Text.</p>"}},
		{"after badges", "[![Build](https://ci.example/b.svg)](https://ci.example/) ![Chat](c.svg)\n\n# Handbook *v2*\n\nText.\n", "Handbook v2", 3,
			[]string{"<h1"}, []string{`<img src="https://ci.example/b.svg" alt="Build">`, "<p>Text.</p>"}},
		{"after a comment", "<!-- toc -->\n\n# Handbook\n\nText.\n", "Handbook", 3, []string{"<h1"}, []string{"<p>Text.</p>"}},
		{"HTML title", "<p align=\"center\"><img src=\"logo.png\" alt=\"logo\"></p>\n\n<h1 align=\"center\">Augur</h1>\n\nText.\n", "Augur", 3,
			[]string{"<h1"}, []string{`<img src="logo.png" alt="logo">`}},
		{"front matter title repeated", "# Don't panic\n\nText.\n", "Don't panic", 0, []string{"<h1"}, nil},
		{"after text, kept", "Intro.\n\n# Handbook\n", "Handbook", 3, nil, []string{"<p>Intro.</p>", "<h1"}},
		{"another heading, kept", "# Other\n", "Handbook", 0, nil, []string{"<h1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &playbooks.Page{File: "a.md", URL: "/a/", Body: []byte(tt.body), TitleLine: tt.titleLine}
			p.Title = tt.title
			New(Options{Resolver: site}).Render(p)
			for _, g := range tt.gone {
				if strings.Contains(p.HTML, g) {
					t.Errorf("body still holds %s:\n%s", g, p.HTML)
				}
			}
			for _, k := range tt.kept {
				if !strings.Contains(p.HTML, k) {
					t.Errorf("body lost %s:\n%s", k, p.HTML)
				}
			}
		})
	}
}

// TestSummarySkipsBadges: a summary is the first paragraph with words, without image alt text,
// cut on a word boundary, or on a character boundary in text without spaces.
func TestSummarySkipsBadges(t *testing.T) {
	chinese := strings.Repeat("社区经理负责维护社区健康与成员成长。", 20)
	tests := []struct{ body, want string }{
		{"[![Build status](b.svg)](https://ci/) ![Coverage](c.svg)\n\nThe handbook of ![logo](l.png) the project.\n", "The handbook of the project."},
		{"<p align=\"center\"><img src=\"l.png\" alt=\"Logo\"></p>\n\nReal words.\n", "Real words."},
		{"<p align=\"center\">A handbook for <b>maintainers</b>.<br>Second&nbsp;line.</p>\n\nMore.\n", "A handbook for maintainers. Second line."},
		{"<!-- note -->\n<script>var x = 1;</script>\n\nWords.\n", "Words."},
		{"<div><img src=\"card.png\"></div>\n\n<aside markdown=\"1\">\nOpen source is **for everyone**.\n</aside>\n\nLater.\n", "Open source is for everyone."},
	}
	for _, tt := range tests {
		p, _ := render(t, "a.md", tt.body, Options{})
		if p.Summary != tt.want {
			t.Errorf("%q: summary %q, want %q", tt.body, p.Summary, tt.want)
		}
	}
	words := "Words" + strings.Repeat(" and more words", 30)
	p, _ := render(t, "a.md", words+"\n", Options{})
	if cut := strings.TrimSuffix(p.Summary, "…"); !strings.HasPrefix(words, cut+" ") || len(cut) > 200 || len(cut) < 100 {
		t.Errorf("summary %q is not cut at a word boundary near 200 bytes", p.Summary)
	}
	p, _ = render(t, "a.md", chinese+"\n", Options{})
	if !utf8.ValidString(p.Summary) || !strings.HasSuffix(p.Summary, "…") || len(p.Summary) > 200+len("…") ||
		!strings.HasPrefix(chinese, strings.TrimSuffix(p.Summary, "…")) {
		t.Errorf("Chinese summary %q (%d bytes): want a valid prefix of the text, at most 200 bytes, and …", p.Summary, len(p.Summary))
	}
}
