package markdown

import (
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cmplay/cmplay/playbooks"
)

// bounded renders a hostile body and fails when it takes longer than d or allocates more than
// perByte bytes for each byte of input (plus 4 MiB for the goldmark instance's start-up).
func bounded(t *testing.T, body string, d time.Duration, perByte uint64) (*playbooks.Page, playbooks.Diagnostics) {
	t.Helper()
	r := New(Options{Resolver: site})
	p := &playbooks.Page{File: "a.md", URL: "/a/", Body: []byte(body), FrontMatter: playbooks.FrontMatter{Title: "T"}}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	diags := r.Render(p)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if took > d {
		t.Errorf("rendering %d bytes took %s, want under %s", len(body), took, d)
	}
	if alloc, limit := after.TotalAlloc-before.TotalAlloc, perByte*uint64(len(body))+4<<20; alloc > limit {
		t.Errorf("rendering %d bytes allocated %d MB, want under %d MB", len(body), alloc>>20, limit>>20)
	}
	return p, diags
}

func rules(ds playbooks.Diagnostics) map[string]int {
	m := map[string]int{}
	for _, d := range ds {
		m[d.Rule]++
	}
	return m
}

// TestManyLinksInOneParagraph: the position of each link was counted in runes from the start of
// its line, so 100,000 links on one line took over a minute (quadratic).
func TestManyLinksInOneParagraph(t *testing.T) {
	body := "Intro.\n\n" + strings.Repeat("[é](https://example.org/) ", 100_000) + "\n"
	p, diags := bounded(t, body, 10*time.Second, 200)
	if n := rules(diags)["too-many-links"]; n != 1 {
		t.Errorf("too-many-links reported %d times, want once: %v", n, diags[:min(3, len(diags))])
	}
	if len(p.Links) != MaxLinks {
		t.Errorf("recorded %d links, want the first %d", len(p.Links), MaxLinks)
	}
	if last := p.Links[len(p.Links)-1]; last.Line != 3 || last.Col != 2+26*(MaxLinks-1) {
		t.Errorf("last recorded link at %d:%d, want 3:%d", last.Line, last.Col, 2+26*(MaxLinks-1))
	}
}

// TestDeepNesting: goldmark spends time growing with the square of the depth on containers
// nested thousands deep (3,000 list levels took 92 s). Lines past MaxNesting lose their container
// markers and are read as text, so the page still builds.
func TestDeepNesting(t *testing.T) {
	tests := map[string]string{
		"list on one line":   strings.Repeat("- ", 3000) + "deep\n",
		"indented list":      indented(300),
		"blockquote":         strings.Repeat("> ", 3000) + "deep\n",
		"ordered and quoted": strings.Repeat("1. > ", 1500) + "deep\n",
		"tabs":               strings.Repeat("\t- ", 3000) + "deep\n",
		"one line per quote": quotes(3000),
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			p, diags := bounded(t, "Intro.\n\n"+body+"\nAfter.\n", 5*time.Second, 2000)
			if rules(diags)["nesting-depth"] == 0 {
				t.Errorf("no nesting-depth diagnostic: %v", diags)
			}
			if !strings.Contains(p.HTML, "deep") || !strings.Contains(p.HTML, "After.") {
				t.Errorf("page lost its text: %.300s", p.HTML)
			}
		})
	}
	_, diags := bounded(t, indented(MaxNesting-1), time.Second, 2000)
	if len(diags) != 0 {
		t.Errorf("nesting within the limit reported: %v", diags)
	}
}

func indented(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- deep\n")
	}
	return b.String()
}

func quotes(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(">", i+1) + " deep\n")
	}
	return b.String()
}

// TestSummaryCJK: a summary of text without spaces was cut mid-character, writing invalid UTF-8.
func TestSummaryCJK(t *testing.T) {
	for _, text := range []string{strings.Repeat("社区经理手册", 60), strings.Repeat("é", 150) + " " + strings.Repeat("😀", 80)} {
		p, _ := render(t, "a.md", text+"\n", Options{})
		if !utf8.ValidString(p.Summary) || !strings.HasSuffix(p.Summary, "…") || len(p.Summary) > 200+len("…") {
			t.Errorf("summary %q: invalid UTF-8 or not cut", p.Summary)
		}
	}
}
