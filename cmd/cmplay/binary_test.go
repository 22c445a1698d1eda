package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// buildBinary compiles cmplay from dir as a user's `go build` would, build info and all
// (-buildvcs=true because CI machines often set GOFLAGS=-buildvcs=false). No -trimpath: with the
// flags of the test build the dependencies come from the build cache instead of being compiled
// again (75 s against a few seconds on 2 cores).
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cmplay")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-buildvcs=true", "-o", bin, "./cmd/cmplay")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// sourceRepo copies the module's files (as git lists them, committed or not) into a new git
// repository and commits them, so the build info has a commit to record even when the tests run
// in a git worktree, which the go command does not stamp.
func sourceRepo(t *testing.T) (dir, commit string) {
	t.Helper()
	git := func(dir string, args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.com",
			"GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@example.com")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return strings.TrimSpace(string(out))
	}
	root := git(".", "rev-parse", "--show-toplevel")
	dir = t.TempDir()
	for _, f := range strings.Split(git(root, "ls-files", "--cached", "--others", "--exclude-standard"), "\n") {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			continue // deleted in the working tree
		}
		dst := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(dir, "init", "-q")
	git(dir, "add", ".")
	git(dir, "commit", "-q", "-m", "snapshot")
	return dir, git(dir, "rev-parse", "HEAD")
}

// TestBinary builds the command from a git repository and runs it as a shell would:
// `cmplay version` must name the commit the build info recorded, and say "modified" once the
// tree has an uncommitted change; the bash completion script must complete through the binary's
// hidden __complete command, in bash, zsh and fish (each when installed).
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command from source twice")
	}
	// Two go builds keep the machine busy beside the browser tests, which mostly wait on Chromium.
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	src, commit := sourceRepo(t)
	bin := buildBinary(t, src)
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "commit " + commit[:12] + ", "; !strings.Contains(string(out), want) || strings.Contains(string(out), "modified") {
		t.Errorf("cmplay version = %q, want it to name %q, unmodified", out, want)
	}
	if err := os.WriteFile(filepath.Join(src, "NOTES"), []byte("local change\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, _ := exec.Command(buildBinary(t, src), "version").Output(); !strings.Contains(string(out), ", modified;") {
		t.Errorf("cmplay version from a tree with a change = %q, want \"modified\"", out)
	}

	// Each shell completes a page kind, a --format value and a command through the binary. zsh
	// runs the completion function with compadd and _files stubbed, which is what zsh calls.
	shells := []struct{ shell, script, want string }{
		{"bash", `source "$1"; COMP_WORDS=(cmplay new page ch); COMP_CWORD=3; _cmplay; echo "${COMPREPLY[*]}"
COMP_WORDS=(cmplay check --format g); COMP_CWORD=3; _cmplay; echo "${COMPREPLY[*]}"
COMP_WORDS=(cmplay bu); COMP_CWORD=1; _cmplay; echo "${COMPREPLY[*]}"`, "checklist\ngithub\nbuild\n"},
		{"zsh", `compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }; _files() { print FILES "$@"; }; compdef() { :; }
source "$1"; words=(cmplay new page ch); CURRENT=4; _cmplay; words=(cmplay check --format g); CURRENT=4; _cmplay
words=(cmplay bu); CURRENT=2; _cmplay; words=(cmplay build --out ""); CURRENT=4; _cmplay`, "checklist\ngithub\nbuild\nFILES -/\n"},
		{"fish", `source $argv[1]; complete -C "cmplay new page ch"; complete -C "cmplay check --format g"; complete -C "cmplay bu"`, "checklist\ngithub\nbuild\n"},
	}
	for _, sh := range shells {
		path, err := exec.LookPath(sh.shell)
		if err != nil {
			t.Logf("no %s on this machine; its completion script is not run", sh.shell)
			continue
		}
		script := filepath.Join(t.TempDir(), "cmplay."+sh.shell)
		if out, err := exec.Command(bin, "completion", sh.shell).Output(); err != nil {
			t.Fatal(err)
		} else if err := os.WriteFile(script, out, 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"-c", sh.script, sh.shell, script}
		switch sh.shell {
		case "bash":
			args = append([]string{"--norc"}, args...)
		case "zsh":
			args = append([]string{"-f"}, args...)
		case "fish":
			args = []string{"--no-config", "-c", sh.script, script}
		}
		cmd := exec.Command(path, args...)
		cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
		if got, err := cmd.CombinedOutput(); err != nil || string(got) != sh.want {
			t.Errorf("%s completion printed %q (%v), want %q", sh.shell, got, err, sh.want)
		}
	}
}
