package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExchangeByRename: the fallback swaps two folders, and when a cannot move into b's place the
// old b is back where it was.
func TestExchangeByRename(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "name"), []byte(filepath.Base(d)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := exchangeByRename(a, b); err != nil {
		t.Fatal(err)
	}
	for d, want := range map[string]string{a: "b", b: "a"} {
		if got, _ := os.ReadFile(filepath.Join(d, "name")); string(got) != want {
			t.Errorf("%s holds %q after the swap, want %q", d, got, want)
		}
	}
	if err := exchangeByRename(filepath.Join(dir, "missing"), b); err == nil {
		t.Fatal("swapping with a missing folder succeeded")
	}
	if got, _ := os.ReadFile(filepath.Join(b, "name")); string(got) != "a" {
		t.Errorf("after a failed swap the target holds %q, want it back as it was", got)
	}
}
