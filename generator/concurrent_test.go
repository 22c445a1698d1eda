package generator

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentBuildsOneOutput: two real builds of two different sites into one output folder
// at once both used to exit 0 and leave a mix (an old index.html, a search index pointing at a
// chunk folder that did not exist). Now each round leaves exactly one of the two sites.
func TestConcurrentBuildsOneOutput(t *testing.T) {
	sites := map[string]string{}
	want := map[string]map[string][]byte{}
	for _, name := range []string{"a", "b"} {
		files := map[string]string{"content/_index.md": "# Site " + name + "\n"}
		for i := range 150 {
			files[fmt.Sprintf("content/%s/p%d.md", name, i)] = fmt.Sprintf("# %s %d\n\n- [ ] task %s %d\n", name, i, name, i)
		}
		files["content/"+name+"/_index.md"] = "# " + name + "\n"
		sites[name] = newSite(t, files)
		ref := filepath.Join(t.TempDir(), "public")
		mustBuild(t, Config{Source: sites[name], Out: ref})
		want[name] = withoutBookkeeping(readTree(t, ref))
	}
	out := filepath.Join(t.TempDir(), "public")
	for round := range 4 {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, name := range []string{"a", "b"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = Build(Config{Source: sites[name], Out: out})
			}()
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("round %d: %v, %v", round, errs[0], errs[1])
		}
		got := withoutBookkeeping(readTree(t, out))
		if !reflect.DeepEqual(got, want["a"]) && !reflect.DeepEqual(got, want["b"]) {
			t.Fatalf("round %d: the output folder is neither site (%d files; a has %d, b %d)", round, len(got), len(want["a"]), len(want["b"]))
		}
	}
}

// withoutBookkeeping drops cmplay's own bookkeeping files from a tree.
func withoutBookkeeping(tree map[string][]byte) map[string][]byte {
	for name := range tree {
		if strings.HasPrefix(filepath.Base(name), ".cmplay") {
			delete(tree, name)
		}
	}
	return tree
}
