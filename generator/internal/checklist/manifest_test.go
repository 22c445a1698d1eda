package checklist_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/cmplay/cmplay/generator/internal/checklist"
	"github.com/cmplay/cmplay/generator/internal/markdown"
	"github.com/cmplay/cmplay/playbooks"
)

func TestManifest(t *testing.T) {
	onboarding, _ := render(t, "/onboarding/start/", base)
	onboarding.Title, onboarding.Kind = "Start", playbooks.KindChecklist
	onboarding.History = []playbooks.Commit{{Hash: "abc123"}, {Hash: "older"}}
	daily, _ := render(t, "/practices/daily/", "- [ ] Read new posts {#read-posts}\n- [ ] Answer </script> questions\n")
	daily.Title, daily.Kind, daily.Cadence = "Daily", playbooks.KindPractice, "daily"
	plain, _ := render(t, "/about/", "No items here.\n")

	m := checklist.BuildManifest([]*playbooks.Page{onboarding, plain, daily})
	var got checklist.Manifest
	if err := json.Unmarshal(m.JSON(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != checklist.ManifestVersion || len(got.Checklists) != 2 {
		t.Fatalf("manifest = %+v", got)
	}
	c := got.Checklists[0]
	if c.URL != "/onboarding/start/" || c.Title != "Start" || c.Kind != "checklist" || c.Commit != "abc123" || c.Cadence != "" {
		t.Fatalf("checklist = %+v", c)
	}
	var secs []string
	for _, s := range c.Sections {
		secs = append(secs, fmt.Sprintf("%s|%s|%s|%d", s.ID, s.Title, s.Due, *s.Days))
	}
	if fmt.Sprint(secs) != "[day-1|Day 1|day 1|0 week-1|Week 1|week 1|6]" {
		t.Fatalf("sections = %v", secs)
	}
	laptop := c.Items[2]
	if laptop.ID != "onboarding/start/collect-your-laptop" || laptop.Text != "Collect your laptop" || !laptop.Checked ||
		laptop.Hash != checklist.Hash("Collect your laptop") || laptop.Section != "day-1" || laptop.Due != "day 1" || *laptop.Days != 0 {
		t.Fatalf("item = %+v", laptop)
	}
	if d := got.Checklists[1]; d.Cadence != "daily" || d.Commit != "" || d.Items[0].ID != "read-posts" || d.Items[0].Days != nil {
		t.Fatalf("daily = %+v", d)
	}

	js := m.Script()
	if !bytes.HasPrefix(js, []byte("window.cmplayChecklists={")) || !bytes.HasSuffix(js, []byte("};\n")) {
		t.Fatalf("script = %.80s…", js)
	}
	if bytes.Contains(js, []byte("</script>")) {
		t.Fatal("the script form lets item text end a <script> element")
	}
}

func TestManifestOfAnEmptySite(t *testing.T) {
	if got := string(checklist.BuildManifest(nil).JSON()); got != `{"version":1,"checklists":[]}`+"\n" {
		t.Fatalf("got %s", got)
	}
}

// BenchmarkChecklist measures the extension's cost per 1,000 items: "gfm" renders a page of
// 1,000 task items with plain GFM, "checklist" the same page with the extension. Compare the
// two ns/op figures of one run. The items hold no links: the markdown stage's link rewriting
// costs the same with or without the extension and would only hide its share.
func BenchmarkChecklist(b *testing.B) {
	var body strings.Builder
	for i := 0; i < 1000; i++ {
		if i%50 == 0 {
			fmt.Fprintf(&body, "\n## Phase %d {due=\"day %d\"}\n\n", i/50, i/50+1)
		}
		fmt.Fprintf(&body, "- [ ] Do task number %d with `code` and *some* more words\n", i)
	}
	src := []byte(body.String())
	for _, c := range []struct {
		name string
		md   *markdown.Renderer
	}{
		{"gfm", markdown.New(markdown.Options{})},
		{"checklist", markdown.New(markdown.Options{Extensions: []goldmark.Extender{checklist.New()}})},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				p := &playbooks.Page{File: "p.md", URL: "/p/", Body: src}
				c.md.Render(p)
				if c.name == "checklist" && len(p.Items) != 1000 {
					b.Fatalf("%d items", len(p.Items))
				}
			}
		})
	}
}
