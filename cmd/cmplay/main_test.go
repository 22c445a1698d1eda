package main

import (
	"fmt"
	"os"
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
	os.Setenv("XDG_CACHE_HOME", cache)
	code := browsertest.Main(m)
	os.RemoveAll(cache)
	os.Exit(code)
}
