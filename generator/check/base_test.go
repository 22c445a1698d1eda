package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/playbooks"
)

func TestChangedIDs(t *testing.T) {
	item := func(id, text, section string, line int) playbooks.Item {
		return playbooks.Item{ID: id, Text: text, Section: section, Line: line}
	}
	pinned := func(it playbooks.Item) playbooks.Item { it.Pinned = true; return it }
	for _, tc := range []struct {
		name      string
		base, cur []playbooks.Item
		want      []int // lines reported
	}{
		{"unchanged", []playbooks.Item{item("p/a", "Meet your sponsor", "d1", 3)}, []playbooks.Item{item("p/a", "Meet your sponsor", "d1", 3)}, nil},
		{"moved", []playbooks.Item{item("p/a", "A thing", "", 3), item("p/b", "B thing", "", 4)},
			[]playbooks.Item{item("p/b", "B thing", "", 3), item("p/a", "A thing", "", 4)}, nil},
		{"reworded", []playbooks.Item{item("p/meet", "Meet your sponsor over coffee", "d1", 3)},
			[]playbooks.Item{item("p/have", "Have coffee with your sponsor", "d1", 5)}, []int{5}},
		{"reworded and pinned", []playbooks.Item{item("p/meet", "Meet your sponsor over coffee", "d1", 3)},
			[]playbooks.Item{pinned(item("sponsor", "Have coffee with your sponsor", "d1", 5))}, nil},
		{"deleted and added", []playbooks.Item{item("p/write", "Write your first post", "w1", 3)},
			[]playbooks.Item{item("p/say", "Say hello in the welcome thread", "w1", 3)}, nil},
		{"best match wins", []playbooks.Item{item("p/x", "Order a laptop", "", 3), item("p/y", "Order a laptop bag and a mouse", "", 4)},
			[]playbooks.Item{item("p/z", "Order a laptop bag and mouse", "", 7)}, []int{7}},
		{"one old item pairs once", []playbooks.Item{item("p/x", "Book the venue", "", 3)},
			[]playbooks.Item{item("p/y", "Book the venue early", "", 3), item("p/z", "Book a venue early", "", 4)}, []int{3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := ChangedIDs("a.md", tc.base, tc.cur, "main")
			var got []int
			for _, d := range ds {
				got = append(got, d.Line)
			}
			if len(got) != len(tc.want) || len(got) > 0 && got[0] != tc.want[0] {
				t.Errorf("reported lines %v, want %v (%v)", got, tc.want, ds)
			}
		})
	}
}

func TestMovedPages(t *testing.T) {
	items := func(texts ...string) []playbooks.Item {
		var out []playbooks.Item
		for i, tx := range texts {
			out = append(out, playbooks.Item{Text: tx, Hash: tx, Line: 5 + i})
		}
		return out
	}
	page := []byte("- [ ] a\n- [ ] b\n- [ ] c\n")
	gone := []Gone{
		{File: "old.md", URL: "/old/", Data: page, Items: items("a", "b", "c")},
		{File: "edited.md", URL: "/edited/", Data: page, Items: items("d", "e", "f")},
		{File: "dropped.md", URL: "/dropped/", Data: page, Items: items("x", "y")},
	}
	added := []New{
		{File: "new.md", Data: page, Items: items("a", "b", "c")},
		{File: "reworked.md", Data: []byte("- [ ] d\n- [ ] e\n- [ ] g\n"), Items: items("d", "e", "g")},
		{File: "unrelated.md", Data: page, Items: items("x", "q", "r", "s", "t")},
	}
	var got []string
	for _, d := range MovedPages(gone, added, "content", "main") {
		got = append(got, fmt.Sprintf("%s:%d %s keep=%v", d.File, d.Line, d.Rule, strings.Contains(d.Msg, "readers keep")))
	}
	want := []string{"new.md:5 checklist-moved keep=true", "reworked.md:5 checklist-moved keep=false", "dropped.md:5 checklist-deleted keep=false"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
}
