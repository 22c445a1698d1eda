package checklist_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/cmplay/cmplay/generator/internal/checklist"
	"github.com/cmplay/cmplay/generator/internal/markdown"
	"github.com/cmplay/cmplay/playbooks"
)

var md = markdown.New(markdown.Options{Extensions: []goldmark.Extender{checklist.New()}})

// render renders body as the page at url and returns the page and its diagnostics.
func render(t testing.TB, url, body string) (*playbooks.Page, playbooks.Diagnostics) {
	t.Helper()
	p := &playbooks.Page{File: strings.Trim(url, "/") + ".md", URL: url, Body: []byte(body)}
	p.Title = "Test"
	return p, md.Render(p)
}

// ids maps each item's text to its id.
func ids(p *playbooks.Page) map[string]string {
	m := map[string]string{}
	for _, it := range p.Items {
		m[it.Text] = it.ID
	}
	return m
}

const base = `## Day 1 {due="day 1"}

- [ ] Meet your manager
- [ ] Read the escalation guideline
- [x] Collect your laptop

## Week 1 {due="week 1"}

- [ ] Meet the product lead
`

func TestIDsStayStable(t *testing.T) {
	p, _ := render(t, "/onboarding/start/", base)
	want := ids(p)
	if got := want["Read the escalation guideline"]; got != "onboarding/start/read-the-escalation-guideline" {
		t.Fatalf("id = %q", got)
	}
	edits := map[string]string{
		"reorder":           strings.Replace(base, "- [ ] Meet your manager\n- [ ] Read the escalation guideline\n", "- [ ] Read the escalation guideline\n- [ ] Meet your manager\n", 1),
		"edit another item": strings.Replace(base, "Meet your manager", "Meet your manager and agree on weekly meetings", 1),
		"insert above":      strings.Replace(base, "- [ ] Meet your manager\n", "- [ ] Say hello in the community\n- [ ] Meet your manager\n", 1),
		"move to a phase":   strings.Replace(base, "- [x] Collect your laptop\n", "", 1) + "- [x] Collect your laptop\n",
		"new paragraph":     "Welcome.\n\n" + base,
	}
	for name, body := range edits {
		t.Run(name, func(t *testing.T) {
			p, _ := render(t, "/onboarding/start/", body)
			got := ids(p)
			for _, text := range []string{"Read the escalation guideline", "Collect your laptop", "Meet the product lead"} {
				if got[text] != want[text] {
					t.Errorf("%q: id %q, was %q", text, got[text], want[text])
				}
			}
		})
	}
}

func TestIDsAreUniqueOnAPage(t *testing.T) {
	p, _ := render(t, "/weekly/", `## Monday

- [ ] Post the summary
- [ ] Post the summary

## Friday

- [ ] Post the summary
`)
	got := []string{p.Items[0].ID, p.Items[1].ID, p.Items[2].ID}
	want := []string{"weekly/monday/post-the-summary", "weekly/monday/post-the-summary-2", "weekly/friday/post-the-summary"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("ids %q, want %q", got, want)
	}
}

func TestLongItemKeepsIDWhenItsEndIsReworded(t *testing.T) {
	a, _ := render(t, "/p/", "- [ ] Read the community rules and the moderation guide before your first shift\n")
	b, _ := render(t, "/p/", "- [ ] Read the community rules and the moderation handbook\n")
	if a.Items[0].ID != b.Items[0].ID {
		t.Fatalf("ids differ: %q, %q", a.Items[0].ID, b.Items[0].ID)
	}
	if a.Items[0].Hash == b.Items[0].Hash {
		t.Fatal("hash did not change when the item was reworded")
	}
}

func TestPinnedIDs(t *testing.T) {
	p, diags := render(t, "/p/", "- [ ] Meet your *sponsor* {#meet-sponsor}\n- [ ] Bad id {#-leading-dash}\n- [ ] Plain\n- [ ] Reworded, old automatic id kept {#onboarding/first-week/meet-your-sponsor}\n")
	if len(p.Items) != 4 {
		t.Fatalf("%d items", len(p.Items))
	}
	it := p.Items[0]
	if it.ID != "meet-sponsor" || !it.Pinned || it.Text != "Meet your sponsor" {
		t.Fatalf("item = %+v", it)
	}
	if strings.Contains(p.HTML, "{#") || strings.Contains(p.Text, "{#") {
		t.Fatalf("{#…} left in output:\n%s\n%s", p.HTML, p.Text)
	}
	if !strings.Contains(p.HTML, `data-id="meet-sponsor"`) || !strings.Contains(p.HTML, `Meet your <em>sponsor</em></span></label>`) {
		t.Fatalf("html:\n%s", p.HTML)
	}
	if p.Items[1].Pinned || p.Items[1].ID != "p/bad-id" {
		t.Fatalf("invalid pinned id used: %+v", p.Items[1])
	}
	if len(diags) != 1 || diags[0].Rule != "checklist-id" || diags[0].Line != 2 {
		t.Fatalf("diags = %v", diags)
	}
	if p.Items[2].Pinned || p.Items[2].ID != "p/plain" {
		t.Fatalf("item 3 = %+v", p.Items[2])
	}
	if it := p.Items[3]; !it.Pinned || it.ID != "onboarding/first-week/meet-your-sponsor" {
		t.Fatalf("an automatic id cannot be pinned: %+v", it)
	}
}

func TestNotItems(t *testing.T) {
	p, _ := render(t, "/p/", "<!--\n- [ ] commented out\n-->\n\n```\n- [ ] in a fence\n```\n\n    - [ ] indented code\n\nText with [ ] brackets.\n\n- [] not a box\n- [ ]no space is still a box\n")
	if len(p.Items) != 1 || p.Items[0].Text != "no space is still a box" {
		t.Fatalf("items = %+v", p.Items)
	}
	if strings.Count(p.HTML, "<input") != 1 {
		t.Fatalf("html:\n%s", p.HTML)
	}
}

func TestNestedAndOrderedItems(t *testing.T) {
	p, _ := render(t, "/p/", "1. [ ] Prepare the launch\n   - [x] Write the post\n   - [ ] Book the room\n2. [ ] Launch\n\n* [ ] Star bullet\n")
	var texts []string
	for _, it := range p.Items {
		texts = append(texts, fmt.Sprintf("%s/%v", it.Text, it.Checked))
	}
	want := "[Prepare the launch/false Write the post/true Book the room/false Launch/false Star bullet/false]"
	if fmt.Sprint(texts) != want {
		t.Fatalf("items %v, want %s", texts, want)
	}
	// The label of the outer item closes before its nested list starts.
	if !strings.Contains(p.HTML, `Prepare the launch</span></label>`) || !strings.Contains(p.HTML, `<ol class="task-list">`) {
		t.Fatalf("html:\n%s", p.HTML)
	}
}

func TestPhasesAndDue(t *testing.T) {
	p, diags := render(t, "/p/", `- [ ] Before any heading

## Week 1 {due="week 1"}

- [ ] A

### Admin

- [ ] B

## Later

- [ ] C

## Soon {due="fortnight"}

- [ ] D
`)
	type got struct{ Section, Phase, Due string }
	var gs []got
	for _, it := range p.Items {
		gs = append(gs, got{it.Section, it.Phase, it.Due})
	}
	want := []got{{"", "", ""}, {"week-1", "Week 1", "week 1"}, {"admin", "Admin", "week 1"}, {"later", "Later", ""}, {"soon", "Soon", ""}}
	if fmt.Sprint(gs) != fmt.Sprint(want) {
		t.Fatalf("got %v\nwant %v", gs, want)
	}
	if !strings.Contains(p.HTML, `data-due="week 1" data-due-days="6"`) {
		t.Fatalf("html:\n%s", p.HTML)
	}
	if len(diags) != 1 || diags[0].Rule != "checklist-due" || diags[0].Line != 15 {
		t.Fatalf("diags = %v", diags)
	}
}

func TestWithoutJavaScriptTheDefaultTicksShow(t *testing.T) {
	p, _ := render(t, "/p/", "- [x] Done by default\n- [ ] Open\n")
	if !strings.Contains(p.HTML, `data-hash="`+checklist.Hash("Done by default")+`" checked disabled>`) {
		t.Fatalf("html:\n%s", p.HTML)
	}
	if strings.Count(p.HTML, " disabled>") != 2 || strings.Count(p.HTML, " checked") != 1 {
		t.Fatalf("html:\n%s", p.HTML)
	}
}

func TestParseDue(t *testing.T) {
	for _, c := range []struct {
		in   string
		days int
		ok   bool
	}{
		{"day 1", 0, true}, {"Day 30", 29, true}, {"days 2", 1, true}, {"week 1", 6, true}, {"week 2", 13, true},
		{"month 2", 59, true}, {"30d", 29, true}, {"2w", 13, true}, {"1m", 29, true},
		{"before day 1", -1, true}, {"Before Day 1", -1, true}, {"day -1", -1, true}, {"day -3", -3, true}, {"-3d", -3, true},
		{"days -14", -14, true},
		{"day 0", 0, false}, {"0d", 0, false}, {"before day 2", 0, false}, {"before week 1", 0, false}, {"week -1", 0, false},
		{"-2w", 0, false}, {"before", 0, false}, {"before day", 0, false}, {"day -99999", 0, false}, {"day --3", 0, false},
		{"day", 0, false}, {"fortnight", 0, false}, {"year 1", 0, false}, {"3-d", 0, false},
		{"d", 0, false}, {"", 0, false}, {"day 1 2", 0, false}, {"day 99999", 0, false},
	} {
		days, err := checklist.ParseDue(c.in)
		if (err == nil) != c.ok || (c.ok && days != c.days) {
			t.Errorf("ParseDue(%q) = %d, %v; want %d, ok=%v", c.in, days, err, c.days, c.ok)
		}
	}
}

func TestHash(t *testing.T) {
	h := checklist.Hash("Read the escalation guideline")
	if checklist.Hash("  read the Escalation guideline. ") != h {
		t.Error("case, spacing and punctuation changed the hash")
	}
	if checklist.Hash("Read the escalation policy") == h {
		t.Error("a changed word kept the hash")
	}
}

func TestDuplicates(t *testing.T) {
	a, _ := render(t, "/a/", "- [ ] One {#shared}\n")
	b, _ := render(t, "/b/", "\n\n- [ ] Two {#shared}\n- [ ] Three {#own}\n")
	ds := checklist.Duplicates([]*playbooks.Page{a, b}, "content")
	if len(ds) != 1 {
		t.Fatalf("diags = %v", ds)
	}
	d := ds[0]
	if d.File != "content/b.md" || d.Line != 3 || !strings.Contains(d.Msg, "content/a.md:1") || d.Severity != playbooks.Error {
		t.Fatalf("diag = %s", d)
	}
}

func TestNumberedIDsDoNotCollide(t *testing.T) {
	p, _ := render(t, "/p/", "- [ ] Post it\n- [ ] Post it\n- [ ] Post it 2\n")
	got := []string{p.Items[0].ID, p.Items[1].ID, p.Items[2].ID}
	if fmt.Sprint(got) != "[p/post-it p/post-it-2 p/post-it-2-2]" {
		t.Fatalf("ids %q", got)
	}
}

// TestSectionIDsOutliveGitHubAnchors holds the ids of look-alike items under headings whose
// anchor changed when anchors began to follow GitHub ("Week 1 / 2" was "week-1-2", is now
// "week-1--2"): readers' ticks are stored under the old ids, so the items keep them, while the
// item's Section is the heading's anchor on the page.
func TestSectionIDsOutliveGitHubAnchors(t *testing.T) {
	p, _ := render(t, "/weekly/", "## Week 1 / 2\n\n- [ ] Post the summary\n\n## Week 3 -- 4\n\n- [ ] Post the summary\n\n## Custom {#mine}\n\n- [ ] Post the summary\n")
	var got []string
	for _, it := range p.Items {
		got = append(got, it.ID+" in #"+it.Section)
	}
	want := []string{"weekly/week-1-2/post-the-summary in #week-1--2", "weekly/week-3-4/post-the-summary in #week-3----4",
		"weekly/mine/post-the-summary in #mine"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("items %q,\nwant %q", got, want)
	}
}
