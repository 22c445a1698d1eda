package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// TestMain shares one Chromium among the browser tests and points the user's cache folder,
// where the command keeps its history cache, at a temporary folder: tests never write into the
// real ~/.cache.
func TestMain(m *testing.M) {
	cache, err := os.MkdirTemp("", "cmplay-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// The go command keeps its build cache under the same folder unless GOCACHE says otherwise:
	// pin it first, so the tests that run `go build` and `go run` reuse it.
	if os.Getenv("GOCACHE") == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			os.Setenv("GOCACHE", filepath.Join(dir, "go-build"))
		}
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	code := browsertest.Main(m)
	os.RemoveAll(cache)
	os.Exit(code)
}
