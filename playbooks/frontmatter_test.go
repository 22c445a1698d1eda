package playbooks

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		want      FrontMatter // only the fields set here are compared
		bodyLine1 string      // what the first body line should read after blanking
		diags     []string    // "line:rule" of each expected diagnostic
	}{
		{name: "yaml", src: "---\ntitle: Escalation\nkind: guideline\nweight: 3\nroles: [a, b]\nreview_by: 2027-01-31\n---\nBody\n",
			want: FrontMatter{Title: "Escalation", Kind: KindGuideline, Weight: 3, Roles: []string{"a", "b"}, ReviewBy: day(2027, 1, 31)}},
		{name: "toml", src: "+++\ntitle = \"T\"\nkind = \"role\"\nreview_by = 2027-02-01\ntags = [\"x\"]\n+++\nBody\n",
			want: FrontMatter{Title: "T", Kind: KindRole, Tags: []string{"x"}, ReviewBy: day(2027, 2, 1)}},
		{name: "bom and crlf", src: "\ufeff---\r\ntitle: With BOM\r\n---\r\nBody\r\n", want: FrontMatter{Title: "With BOM"}},
		{name: "no front matter", src: "# Just a heading\n", bodyLine1: "# Just a heading"},
		{name: "long dashed line is not front matter", src: "----------------\ntitle: x\n", bodyLine1: "----------------"},
		{name: "unclosed", src: "---\ntitle: x\n\nText\n", diags: []string{"1:front-matter"}, bodyLine1: "---"},
		{name: "invalid yaml", src: "---\ntitle: x\nsummary: [unclosed\n---\n", diags: []string{"3:front-matter"}},
		{name: "yaml tab", src: "---\ntitle: ok\n\tkind: role\n---\n", diags: []string{"3:front-matter"}},
		{name: "unknown key", src: "---\ntitle: x\ntitel: y\n---\n", want: FrontMatter{Title: "x"}, diags: []string{"3:unknown-key"}},
		{name: "unknown kind", src: "---\nkind: guidline\n---\n", want: FrontMatter{Kind: KindPage}, diags: []string{"2:unknown-kind"}},
		{name: "bad date", src: "---\ntitle: x\nreview_by: next year\n---\n", diags: []string{"3:bad-date"}},
		{name: "bad weight", src: "---\nweight: heavy\n---\n", diags: []string{"2:front-matter"}},
		{name: "draft", src: "---\ndraft: true\n---\n", want: FrontMatter{Draft: true}},
		{name: "cadence", src: "---\ncadence: Weekly\n---\n", want: FrontMatter{Cadence: CadenceWeekly}},
		{name: "bad cadence", src: "---\ncadence: hourly\n---\n", diags: []string{"2:bad-cadence"}},
		{name: "single role string", src: "---\nroles: internal\n---\n", want: FrontMatter{Roles: []string{"internal"}}},
		{name: "lead lists", src: "---\nkind: program\ngoals: [More advocates, Fewer unanswered posts]\n---\n",
			want: FrontMatter{Kind: KindProgram, Goals: []string{"More advocates", "Fewer unanswered posts"}}},
		{name: "role responsibilities", src: "---\nkind: role\nresponsibilities:\n  - Own the plan\n---\n",
			want: FrontMatter{Kind: KindRole, Responsibilities: []string{"Own the plan"}}},
		{name: "guideline rules", src: "---\nkind: guideline\nrules: Be kind\n---\n", want: FrontMatter{Kind: KindGuideline, Rules: []string{"Be kind"}}},
		{name: "lead list on the wrong kind", src: "---\nkind: practice\ngoals: [x]\n---\n", want: FrontMatter{Kind: KindPractice, Goals: []string{"x"}},
			diags: []string{"3:lead-kind"}},
		{name: "invalid toml", src: "+++\ntitle = \n+++\n", diags: []string{"2:front-matter"}},
		{name: "not a mapping", src: "---\n- a\n- b\n---\n", diags: []string{"2:front-matter"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			block, body, diags := SplitFrontMatter("p.md", []byte(tt.src))
			fm, more := DecodeFrontMatter("p.md", block)
			diags = append(diags, more...)
			if len(body) != len(strings.TrimPrefix(tt.src, "\ufeff")) {
				t.Errorf("body is %d bytes, want %d: line numbers would shift", len(body), len(tt.src))
			}
			var got []string
			for _, d := range diags {
				got = append(got, itoa(d.Line)+":"+d.Rule)
				if d.File != "p.md" || d.Msg == "" {
					t.Errorf("diagnostic without file or message: %+v", d)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.diags, ",") {
				t.Errorf("diagnostics = %v, want %v (%v)", got, tt.diags, diags)
			}
			if tt.want.Title != "" && fm.Title != tt.want.Title {
				t.Errorf("title = %q, want %q", fm.Title, tt.want.Title)
			}
			if tt.want.Kind != "" && fm.Kind != tt.want.Kind {
				t.Errorf("kind = %q, want %q", fm.Kind, tt.want.Kind)
			}
			if fm.Weight != tt.want.Weight {
				t.Errorf("weight = %d, want %d", fm.Weight, tt.want.Weight)
			}
			if strings.Join(fm.Roles, ",") != strings.Join(tt.want.Roles, ",") || strings.Join(fm.Tags, ",") != strings.Join(tt.want.Tags, ",") {
				t.Errorf("roles/tags = %v/%v, want %v/%v", fm.Roles, fm.Tags, tt.want.Roles, tt.want.Tags)
			}
			if !fm.ReviewBy.Equal(tt.want.ReviewBy) || fm.Draft != tt.want.Draft || fm.Cadence != tt.want.Cadence {
				t.Errorf("review_by/draft/cadence = %v/%v/%q, want %v/%v/%q", fm.ReviewBy, fm.Draft, fm.Cadence, tt.want.ReviewBy, tt.want.Draft, tt.want.Cadence)
			}
			if a, b := fmt.Sprint(fm.Responsibilities, fm.Goals, fm.Rules), fmt.Sprint(tt.want.Responsibilities, tt.want.Goals, tt.want.Rules); a != b {
				t.Errorf("responsibilities, goals, rules = %s, want %s", a, b)
			}
			if tt.bodyLine1 != "" {
				first, _, _ := strings.Cut(string(body), "\n")
				if first != tt.bodyLine1 {
					t.Errorf("first body line = %q, want %q", first, tt.bodyLine1)
				}
			}
		})
	}
}

func TestUnknownKeySuggests(t *testing.T) {
	b, _, _ := SplitFrontMatter("p.md", []byte("---\nreveiw_by: 2027-01-01\n---\n"))
	_, diags := DecodeFrontMatter("p.md", b)
	if len(diags) != 1 || !strings.Contains(diags[0].Fix, `did you mean "review_by"`) {
		t.Fatalf("diagnostics = %v, want a did-you-mean for review_by", diags)
	}
}

func TestDiagnosticString(t *testing.T) {
	d := Diagnostic{File: "content/a.md", Line: 3, Col: 5, Severity: Error, Rule: "bad-date", Msg: "review_by is not a date", Fix: "write YYYY-MM-DD"}
	want := "content/a.md:3:5: error: review_by is not a date [bad-date] (fix: write YYYY-MM-DD)"
	if d.String() != want {
		t.Fatalf("got  %s\nwant %s", d.String(), want)
	}
}

func TestPosition(t *testing.T) {
	src := []byte("ab\nçd\nef")
	x := NewLineIndex(src)
	for _, tt := range []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 2}, {7, 3, 1}, {9, 3, 3}, {99, 3, 3}} {
		if l, c := Position(src, tt.off); l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
		if l, c := x.Position(tt.off); l != tt.line || c != tt.col {
			t.Errorf("LineIndex.Position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}

// FuzzFrontMatter checks that no input makes the front matter code panic, and that the body
// always keeps the file's line count.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{"---\ntitle: x\n---\nbody", "+++\ntitle = 1\n+++\n", "---\n", "\ufeff---\r\n:\r\n---", "---\n- [\n---",
		"---\nauthors: [{name: a}, b, {x: 1}]\nsidebar_position: 1.5\nredirect_from: /x/\n---\n", "+++\n[menu.main]\nweight = 1\n[[authors]]\nname = \"a\"\n+++\n"} {
		f.Add(s)
	}
	policy := KeyPolicy{Accept: []string{"layout"}, Map: map[string]string{"nav": "weight", "t": "title"}, Collect: true}
	f.Fuzz(func(t *testing.T, s string) {
		block, body, _ := SplitFrontMatter("f.md", []byte(s))
		DecodeFrontMatter("f.md", block)
		policy.Decode("f.md", block)
		src := strings.TrimPrefix(s, "\ufeff")
		if strings.Count(string(body), "\n") != strings.Count(src, "\n") {
			t.Fatalf("body has %d lines, source %d", strings.Count(string(body), "\n"), strings.Count(src, "\n"))
		}
	})
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

func fmtInt(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return fmtInt(n/10) + string(rune('0'+n%10))
}
