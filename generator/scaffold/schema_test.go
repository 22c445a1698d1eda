package scaffold

import (
	"encoding/json"
	"flag"
	"os"
	"slices"
	"testing"

	"github.com/cmplay/cmplay/playbooks"
)

var update = flag.Bool("update", false, "rewrite docs/frontmatter.schema.json")

// TestFrontMatterSchema holds the schema to what cmplay accepts (every key, every kind) and the
// published copy in docs/ to the schema (`go test ./generator/scaffold -update` rewrites it).
func TestFrontMatterSchema(t *testing.T) {
	got := FrontMatterSchema()
	var s struct {
		Properties map[string]struct {
			Enum []string
		}
		AdditionalProperties bool
	}
	if err := json.Unmarshal(got, &s); err != nil {
		t.Fatal(err)
	}
	for _, k := range playbooks.Keys {
		if _, ok := s.Properties[k]; !ok {
			t.Errorf("the schema lacks the key %s", k)
		}
	}
	if len(s.Properties) != len(playbooks.Keys) || s.AdditionalProperties {
		t.Errorf("the schema has %d properties for %d keys (additionalProperties %v)", len(s.Properties), len(playbooks.Keys), s.AdditionalProperties)
	}
	for _, k := range playbooks.Kinds {
		if !slices.Contains(s.Properties["kind"].Enum, string(k)) {
			t.Errorf("the schema's kinds lack %s", k)
		}
	}
	const published = "../../docs/frontmatter.schema.json"
	if *update {
		if err := os.WriteFile(published, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want, err := os.ReadFile(published); err != nil || string(want) != string(got) {
		t.Errorf("%s is not the current schema (go test ./generator/scaffold -update): %v", published, err)
	}
}
