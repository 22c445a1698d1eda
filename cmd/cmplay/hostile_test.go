package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileSite is a site whose file names and files are what an attacker or an accident puts in a
// content folder: a name with a newline and a GitHub workflow command, a name that is not UTF-8,
// a named pipe called x.md and a file of NUL bytes.
func hostileSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	os.MkdirAll(content, 0o755)
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(content, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("_index.md", "# Home\n")
	write("a\n::error file=x,line=1::pwned\x1b[2J.md", "# Hostile\n\n[gone](missing.md)\n")
	write("bad\xff.md", "# Bad name\n")
	write("nul.md", strings.Repeat("\x00", 64))
	if err := syscall.Mkfifo(filepath.Join(content, "x.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestHostileNamesInLogs: every diagnostic is one line of printable text in every format, so a
// file name cannot inject a workflow command into a CI log; odd files are reported, not skipped
// in silence, and a named pipe never blocks the build.
func TestHostileNamesInLogs(t *testing.T) {
	dir := hostileSite(t)
	type result struct {
		code     int
		out, err string
	}
	runs := map[string][]string{
		"build":        {"build", "--source", dir},
		"check":        {"check", "--source", dir},
		"check github": {"check", "--source", dir, "--format", "github"},
	}
	for name, args := range runs {
		done := make(chan result, 1)
		go func() {
			code, out, errs := runCmd(args...)
			done <- result{code, out, errs}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(60 * time.Second):
			t.Fatalf("%s: still running after 60 s (blocked on the named pipe?)", name)
		}
		all := r.out + r.err
		for _, line := range strings.Split(strings.TrimRight(all, "\n"), "\n") {
			if strings.HasPrefix(line, "::error file=x") || strings.Contains(line, "\x1b") || strings.HasPrefix(line, "pwned") {
				t.Errorf("%s: injected line %q", name, line)
			}
			if name == "check github" && !strings.HasPrefix(line, "::error ") && !strings.HasPrefix(line, "::warning ") && !strings.HasPrefix(line, "checked ") {
				t.Errorf("%s: line is neither an annotation nor the summary: %q", name, line)
			}
		}
		for _, want := range []string{"not valid UTF-8", "named pipe", "binary content", "pwned"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: output does not mention %q:\n%s", name, want, all)
			}
		}
	}
}
