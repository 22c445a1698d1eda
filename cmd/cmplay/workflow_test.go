package main

import (
	"os"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// TestWorkflow parses the repository's CI workflow and checks that it runs on pull requests,
// checks out the history --base needs, sets Go up from go.mod, and runs check (as GitHub
// annotations) and build; then it runs the workflow's check command on this repository.
func TestWorkflow(t *testing.T) {
	data, err := os.ReadFile("../../.github/workflows/playbook.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Name string
		Jobs map[string]struct {
			RunsOn string `yaml:"runs-on"`
			Steps  []struct {
				Name string
				Uses string
				With map[string]any
				Run  string
				If   string
			}
		}
	}
	if err := yaml.UnmarshalWithOptions(data, &struct {
		Name        string
		On          any `yaml:"on"` // YAML 1.2: a bare on is the string "on", as GitHub reads it
		Permissions map[string]string
		Jobs        any
	}{}, yaml.Strict()); err != nil {
		t.Fatalf("unexpected top-level keys: %v", err)
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	on := raw["on"]
	if m, ok := on.(map[string]any); !ok || !hasKey(m, "pull_request") {
		t.Errorf("the workflow does not run on pull_request: on = %v", on)
	}
	job, ok := wf.Jobs["check"]
	if !ok || job.RunsOn == "" {
		t.Fatalf("no check job with runs-on: %+v", wf.Jobs)
	}
	var uses, runs []string
	for _, s := range job.Steps {
		if s.Uses != "" {
			uses = append(uses, s.Uses)
		}
		switch {
		case strings.HasPrefix(s.Uses, "actions/checkout@"):
			if d, ok := s.With["fetch-depth"].(uint64); !ok || d != 0 {
				t.Errorf("checkout fetch-depth = %v, want 0 (--base needs the base branch)", s.With["fetch-depth"])
			}
		case strings.HasPrefix(s.Uses, "actions/setup-go@"):
			if s.With["go-version-file"] != "go.mod" {
				t.Errorf("setup-go go-version-file = %v, want go.mod", s.With["go-version-file"])
			}
		case s.Run != "":
			runs = append(runs, s.Run)
		}
	}
	if len(uses) != 2 || !strings.HasPrefix(uses[0], "actions/checkout@") || !strings.HasPrefix(uses[1], "actions/setup-go@") {
		t.Errorf("steps use %v, want checkout then setup-go", uses)
	}
	if len(runs) != 2 || !strings.HasPrefix(runs[0], "go run ./cmd/cmplay check --format github") ||
		!strings.HasPrefix(runs[1], "go run ./cmd/cmplay build") {
		t.Fatalf("run steps %q, want check --format github, then build", runs)
	}
	if _, err := os.Stat("../../go.mod"); err != nil {
		t.Error("go-version-file names a go.mod the repository does not have")
	}

	// The check step, without --base (no pull request here), passes on this repository.
	cmd, base, _ := strings.Cut(strings.TrimPrefix(runs[0], "go run ./cmd/cmplay "), " --base ")
	if base != `"origin/${{ github.base_ref }}"` {
		t.Errorf("check compares with %s, want the pull request's base branch", base)
	}
	args := strings.Fields(cmd)
	code, out, errs := runCmd(append(args, "--source", "../..")...)
	if code != 0 {
		t.Errorf("%v: exit %d\n%s%s", args, code, out, errs)
	}
	if strings.Contains(out, "::error") {
		t.Errorf("the workflow's check reports errors on this repository:\n%s", out)
	}
}

func hasKey(m map[string]any, key string) bool {
	_, ok := m[key]
	return ok
}
