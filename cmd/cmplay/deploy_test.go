package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/goccy/go-yaml"
)

// actionlintModule is the actionlint the tests run when it is in the module cache already
// (scripts/lint-workflows.sh fetches it); the tests never download it.
const actionlintModule = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

// TestNewSiteDeploys scaffolds a site and reads its netlify.toml and GitHub workflow as Netlify
// and GitHub would: both install a released cmplay instead of building from source, pass the
// deploy's own address as the base URL, fetch the whole history, check pull requests with
// annotations and publish public/. actionlint validates both workflows when it is available
// offline.
func TestNewSiteDeploys(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCmd("new", "site", dir); code != 0 {
		t.Fatal(errs)
	}
	checkNetlify(t, filepath.Join(dir, "netlify.toml"), "releases/latest/download", "cmplay_linux_amd64.tar.gz", "sha256sum -c", "--unshallow")
	// cmplay's own playbook is deployed the same way, with the cmplay of the same commit.
	checkNetlify(t, "../../netlify.toml", "go build -trimpath -o cmplay ./cmd/cmplay", "--unshallow")

	wfFile := filepath.Join(dir, ".github", "workflows", "playbook.yml")
	data, err := os.ReadFile(wfFile)
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Env  map[string]string
		Jobs map[string]struct {
			Steps []struct {
				Name, Uses, Run, If string
				With                map[string]any
				Env                 map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	if wf.Env["CMPLAY_VERSION"] != "latest" {
		t.Errorf("workflow CMPLAY_VERSION = %q", wf.Env["CMPLAY_VERSION"])
	}
	var all strings.Builder
	fetchDepth, checkOnPR, baseURL := false, false, false
	for _, s := range wf.Jobs["build"].Steps {
		all.WriteString(s.Run)
		fetchDepth = fetchDepth || strings.HasPrefix(s.Uses, "actions/checkout@") && fmt.Sprint(s.With["fetch-depth"]) == "0"
		checkOnPR = checkOnPR || strings.Contains(s.Run, "cmplay check --format github") && strings.Contains(s.If, "pull_request")
		baseURL = baseURL || strings.Contains(s.Run, "cmplay build") && strings.Contains(s.Env["CMPLAY_BASE_URL"], "steps.pages.outputs.base_url")
	}
	if !fetchDepth || !checkOnPR || !baseURL || strings.Contains(all.String(), "go run") || !strings.Contains(all.String(), "sha256sum --check") {
		t.Errorf("workflow: fetch-depth 0 %v, check on pull requests %v, Pages address as base URL %v; runs:\n%s", fetchDepth, checkOnPR, baseURL, all.String())
	}
	if _, ok := wf.Jobs["deploy"]; !ok {
		t.Error("workflow has no deploy job")
	}
	actionlint(t, wfFile, "../../.github/workflows/playbook.yml", "../../.github/workflows/release.yml")
}

// checkNetlify parses a netlify.toml as Netlify would and checks that every context installs
// cmplay with the install script (holding each of install), builds with the deploy's own address
// as the base URL, publishes public/ and caches hashed assets for a year.
func checkNetlify(t *testing.T, file string, install ...string) {
	t.Helper()
	var netlify struct {
		Build struct {
			Publish, Command string
			Environment      map[string]string
		}
		Context map[string]struct{ Command string }
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	if _, err := toml.DecodeFile(file, &netlify); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	script := netlify.Build.Environment["CMPLAY_INSTALL"]
	if netlify.Build.Publish != "public" {
		t.Errorf("%s publishes %q, want public", file, netlify.Build.Publish)
	}
	for _, want := range install {
		if !strings.Contains(script, want) {
			t.Errorf("%s CMPLAY_INSTALL lacks %q: %s", file, want, script)
		}
	}
	commands := map[string]string{"production": netlify.Build.Command}
	for ctx, c := range netlify.Context {
		commands[ctx] = c.Command
	}
	for ctx, want := range map[string]string{"production": `--base-url "$URL/"`, "deploy-preview": `--base-url "$DEPLOY_PRIME_URL/"`, "branch-deploy": `--base-url "$DEPLOY_PRIME_URL/"`} {
		if c := commands[ctx]; !strings.Contains(c, want) || !strings.Contains(c, "$CMPLAY_INSTALL") || strings.Contains(c, "go run") {
			t.Errorf(file+" %s command = %q, want the installed cmplay with %s", ctx, c, want)
		}
	}
	if len(netlify.Headers) < 2 || netlify.Headers[1].Values["Cache-Control"] != "public, max-age=31536000, immutable" {
		t.Errorf(file+" headers: %+v", netlify.Headers)
	}

}

// actionlint runs actionlint on files if the module cache holds it; otherwise it says so.
func actionlint(t *testing.T, files ...string) {
	t.Helper()
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), append([]string{"run", actionlintModule, "-no-color"}, files...)...)
	// The module cache as the only proxy: offline, and no download even when one is configured.
	cache, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	proxy := "file://" + filepath.ToSlash(filepath.Join(strings.TrimSpace(string(cache)), "cache", "download"))
	cmd.Env = append(os.Environ(), "GOPROXY="+proxy, "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err == nil {
		return
	}
	if strings.Contains(string(out), "not found") || strings.Contains(string(out), "no such file") {
		t.Logf("actionlint is not in the module cache, workflows not linted here (run scripts/lint-workflows.sh): %s", out)
		return
	}
	t.Errorf("actionlint: %v\n%s", err, out)
}
