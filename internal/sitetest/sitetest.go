// Package sitetest is what the tests of several packages do to a cmplay site: write its files,
// unpack a txtar archive of it, read the repository's shipped playbook, and build something once
// per test binary instead of once per test.
//
// It does not import the generator, so the generator's own tests can use it: the build is a
// function the caller passes. A package that uses [Once] runs its tests through [Main]:
//
//	func TestMain(m *testing.M) { os.Exit(sitetest.Main(m)) }
//
// Main also shares one Chromium among the package's browser tests (see package browsertest).
package sitetest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// Write writes files, named by slash-separated paths below dir, making their folders, and
// returns dir.
func Write(t testing.TB, dir string, files map[string]string) string {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Unpack writes the files of a txtar archive into a fresh temporary folder and returns it.
func Unpack(t testing.TB, archive string) string {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	files := make(map[string]string, len(ar.Files))
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	return Write(t, t.TempDir(), files)
}

// Root is the repository's root folder (the one holding go.mod), found upwards from the test's
// working directory, which go test sets to the package's folder.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// ShippedFiles returns the shipped playbook as a site: the repository's cmplay.toml and every
// file below content/, by slash-separated name. Tests copy it with Write to edit it.
func ShippedFiles(t testing.TB) map[string]string {
	t.Helper()
	root := Root(t)
	files := map[string]string{}
	if data, err := os.ReadFile(filepath.Join(root, "cmplay.toml")); err == nil {
		files["cmplay.toml"] = string(data)
	}
	content := os.DirFS(filepath.Join(root, "content"))
	err := fs.WalkDir(content, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(content, p)
		files["content/"+p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// built holds what Once made in this test binary.
var built struct {
	mu   sync.Mutex
	main bool // Main is running the tests and removes root afterwards
	root string
	outs map[string]*onceOut
}

type onceOut struct {
	once sync.Once
	dir  string
	err  error
}

// Main runs the package's tests through browsertest.Main, then removes every folder Once made.
// It returns the exit code, for os.Exit.
func Main(m *testing.M) int {
	built.mu.Lock()
	built.main = true
	built.mu.Unlock()
	code := browsertest.Main(m)
	built.mu.Lock()
	defer built.mu.Unlock()
	if built.root != "" {
		if err := os.RemoveAll(built.root); err != nil {
			fmt.Fprintln(os.Stderr, "sitetest:", err)
		}
	}
	built.main, built.root, built.outs = false, "", nil
	return code
}

// Once returns a folder that build filled, calling build only the first time a test of this
// binary asks for key; later callers, in parallel or not, get the same folder. The folder out
// does not exist when build is called. A failed build fails every test that asks for its key.
// Tests must not change what is in the folder: they share it.
func Once(t testing.TB, key string, build func(out string) error) string {
	t.Helper()
	o, root, err := onceFor(key)
	if err != nil {
		t.Fatal(err)
	}
	o.once.Do(func() {
		dir, err := os.MkdirTemp(root, "build-")
		if err != nil {
			o.err = err
			return
		}
		o.dir = filepath.Join(dir, "out")
		o.err = build(o.dir)
	})
	if o.err != nil {
		t.Fatalf("build %s: %v", key, o.err)
	}
	return o.dir
}

func onceFor(key string) (*onceOut, string, error) {
	built.mu.Lock()
	defer built.mu.Unlock()
	if !built.main {
		return nil, "", fmt.Errorf("sitetest.Once needs the package's TestMain to run the tests: os.Exit(sitetest.Main(m))")
	}
	if built.root == "" {
		root, err := os.MkdirTemp("", "sitetest-")
		if err != nil {
			return nil, "", err
		}
		built.root, built.outs = root, map[string]*onceOut{}
	}
	o := built.outs[key]
	if o == nil {
		o = &onceOut{}
		built.outs[key] = o
	}
	return o, built.root, nil
}

// Shared returns the path of name inside the nearest folder "shared" above the repository's
// root (a clone at X/<clone> finds X/shared). It holds what is not published with the
// repository: the seed documents the playbook was written from, real repositories as git
// bundles. When it is not there the test is skipped with a message naming what is missing; under
// CI=true it fails instead, as a browser test does without Chromium, so a check that did not run
// cannot pass unnoticed.
func Shared(t testing.TB, name string) string {
	t.Helper()
	for dir := filepath.Dir(Root(t)); ; dir = filepath.Dir(dir) {
		p := filepath.Join(dir, "shared", filepath.FromSlash(name))
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	msg := "shared/" + name + " is not in any folder above the repository (material kept beside the clone, not in it)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + "; CI=true, so this fails instead of skipping")
	}
	t.Skip("skipped: " + msg)
	return ""
}
