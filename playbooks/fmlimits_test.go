package playbooks

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestFrontMatterPositions: errors point at the bad line, not the closing delimiter, and a key
// written twice is reported (yaml.v2 accepted it silently).
func TestFrontMatterPositions(t *testing.T) {
	tests := []struct{ src, want string }{
		{"---\ntitle: x\nsummary: [unclosed\nkind: role\n---\n", "p.md:3:1: error: invalid YAML front matter"},
		{"---\ntitle: \"[\"\nroles: {a: [b, c}\nweight: 2\n---\n", "p.md:3:1: error: invalid YAML front matter"},
		{"---\nkind: rol\nkind: guideline\n---\n", `p.md:3:1: error: invalid YAML front matter: mapping key "kind" already defined on line 2`},
		{"---\ntitle: a\nb: c: d\n---\n", "p.md:3:1: error: invalid YAML front matter: mapping value is not allowed"},
		{"---\na: &x [1]\nb: *x\n---\n", "p.md:2:1: error: invalid YAML front matter: anchors and aliases"},
		{"+++\nkind = \"rol\"\nkind = \"guideline\"\n+++\n", "p.md:3:1: error: invalid TOML front matter"},
	}
	for _, tt := range tests {
		block, _, _ := SplitFrontMatter("p.md", []byte(tt.src))
		_, diags := DecodeFrontMatter("p.md", block)
		if len(diags) != 1 || !strings.HasPrefix(diags[0].String(), tt.want) {
			t.Errorf("%q: diagnostics %v, want one starting %q", tt.src, diags, tt.want)
		}
	}
}

// TestFrontMatterLimits: blocks that would make a decoder work for minutes are refused, at the
// offending line, before decoding, within a time and memory bound.
func TestFrontMatterLimits(t *testing.T) {
	tests := map[string]struct {
		src  string
		line int
	}{
		"dotted key":      {"+++\ntitle = \"x\"\n" + strings.Repeat("a.", 30_000) + "b = 1\n+++\n", 3},
		"dotted table":    {"+++\n[" + strings.Repeat("a.", 20) + "b]\n+++\n", 2},
		"large":           {"---\nsummary: \"" + strings.Repeat("x", 70<<10) + "\"\n---\n", 1},
		"deep flow":       {"---\ntitle: x\nroles: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n---\n", 3},
		"deep toml array": {"+++\nroles = " + strings.Repeat("[", 17) + strings.Repeat("]", 17) + "\n+++\n", 2},
		"deep items":      {"---\nroles:\n" + strings.Repeat("- ", 5000) + "x\n---\n", 3},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			block, _, _ := SplitFrontMatter("p.md", []byte(tt.src))
			fm, diags := DecodeFrontMatter("p.md", block)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if took > time.Second {
				t.Errorf("took %s, want under 1s", took)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 20*uint64(len(tt.src))+1<<20 {
				t.Errorf("allocated %d KB for %d bytes of input", alloc>>10, len(tt.src))
			}
			if len(diags) != 1 || diags[0].Line != tt.line || diags[0].Rule != "front-matter" || fm.Title != "" {
				t.Errorf("diagnostics %v (title %q), want one front-matter error on line %d", diags, fm.Title, tt.line)
			}
		})
	}
}
