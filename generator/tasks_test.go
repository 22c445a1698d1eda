package generator

import "testing"

// TestMayHaveTasks: the quick test never says no where the task-marker expression says yes, and
// says no to bodies without a box.
func TestMayHaveTasks(t *testing.T) {
	for _, tt := range []struct {
		body string
		want bool
	}{
		{"- [ ] Tell the lead\n", true},
		{"1. [x] Done\n", true},
		{"  * [X] Done\n", true},
		{"See [the guide](guide.md) and [[wiki]].\n", false},
		{"[ab] [", false},
		{"ends with [", false},
		{"ends with [ ", false},
		{"a [[ ] b", true},
		{"", false},
	} {
		if got := mayHaveTasks([]byte(tt.body)); got != tt.want {
			t.Errorf("mayHaveTasks(%q) = %v, want %v", tt.body, got, tt.want)
		}
		if taskMarker.MatchString(tt.body) && !mayHaveTasks([]byte(tt.body)) {
			t.Errorf("%q has a task the quick test misses", tt.body)
		}
	}
}

func FuzzMayHaveTasks(f *testing.F) {
	f.Add("- [ ] a\n* [x] b")
	f.Fuzz(func(t *testing.T, body string) {
		if taskMarker.MatchString(body) && !mayHaveTasks([]byte(body)) {
			t.Errorf("%q has a task the quick test misses", body)
		}
	})
}

// TestHasTask: a task marker counts outside fenced code blocks only.
func TestHasTask(t *testing.T) {
	for _, tt := range []struct {
		body string
		want bool
	}{
		{"- [ ] Tell the lead\n", true},
		{"Write this:\n\n```markdown\n- [ ] Tell the lead\n```\n", false},
		{"~~~~\n- [x] in code\n~~~\n- [ ] still code\n~~~~\n", false},
		{"```\ncode\n```\n\n- [ ] after the block\n", true},
		{"   ```go\n- [ ] code\n   ```\n", false},
		{"````\n```\n- [ ] code: a shorter fence does not close\n````\n", false},
		{"```\n- [ ] an unclosed block runs to the end\n", false},
		{"``not a fence``\n- [ ] task\n", true},
	} {
		if got := hasTask([]byte(tt.body)); got != tt.want {
			t.Errorf("hasTask(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}
