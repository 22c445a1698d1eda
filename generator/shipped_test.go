package generator

import (
	"os"
	"sync"
	"testing"

	"github.com/cmplay/cmplay/internal/sitetest"
)

// TestMain shares one Chromium among the browser tests and removes the shipped playbook's
// builds when the tests are done.
func TestMain(m *testing.M) { os.Exit(sitetest.Main(m)) }

// shippedResults holds the Result of each build made by shipped, by base.
var shippedResults sync.Map

// shipped builds the playbook in the repository (its cmplay.toml and content/) for a base URL,
// once per test binary, and returns the output folder and the build's result. The base "file"
// builds for file:// URLs of that folder. Tests share the folder: they must not change it.
func shipped(t testing.TB, base string) (string, *Result) {
	t.Helper()
	dir := sitetest.Once(t, "shipped "+base, func(out string) error {
		cfg, diags, err := LoadConfig(sitetest.Root(t))
		if err != nil {
			return err
		}
		if len(diags) > 0 {
			t.Errorf("cmplay.toml: %v", diags)
		}
		cfg.Out, cfg.BaseURL = out, base
		if base == "file" {
			cfg.BaseURL = "file://" + out + "/"
		}
		res, err := Build(cfg)
		shippedResults.Store(base, res)
		return err
	})
	res, _ := shippedResults.Load(base)
	return dir, res.(*Result)
}
