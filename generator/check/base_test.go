package check

import (
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
