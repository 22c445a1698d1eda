package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// netlifyResolve is run by node beside an npm install of @netlify/config: it resolves a site's
// netlify.toml exactly as Netlify's build does, for each pair of arguments (folder, deploy
// context), and prints one JSON line each. One node process resolves them all: loading
// @netlify/config takes most of a second.
const netlifyResolve = `import { resolveConfig } from "@netlify/config";
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const [dir, context] = [args[i], args[i + 1]];
  const r = await resolveConfig({ repositoryRoot: dir, cwd: dir, context, offline: true, mode: "cli" });
  console.log(JSON.stringify({ command: r.config.build.command, publish: r.config.build.publish, environment: r.config.build.environment || {} }));
}
`

// TestNetlifyConfigResolves resolves the netlify.toml `cmplay new site` writes, and the
// repository's own, with Netlify's @netlify/config (installed with npm into a folder of the
// system's temporary directory; skipped without npm outside CI): every context builds with the
// installed cmplay and the deploy's own address, and publishes public/.
func TestNetlifyConfigResolves(t *testing.T) {
	dir := filepath.Join(os.TempDir(), "cmplay-test-netlify-config")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@netlify", "config", "package.json")); err != nil {
		npm, err := exec.LookPath("npm")
		if err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("@netlify/config: npm is not installed and CI=true")
			}
			t.Skip("netlify.toml not resolved with @netlify/config: npm is not installed")
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", dir, "@netlify/config@24").CombinedOutput(); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("npm install @netlify/config: %v\n%s", err, out)
			}
			t.Skipf("netlify.toml not resolved: npm install @netlify/config failed (offline?): %v\n%s", err, out)
		}
	}
	script := filepath.Join(dir, "resolve.mjs")
	if err := os.WriteFile(script, []byte(netlifyResolve), 0o644); err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	if code, _, errs := runCmd("new", "site", site); code != 0 {
		t.Fatal(errs)
	}
	root, _ := filepath.Abs("../..")
	type resolved struct{ dir, ctx, baseURL, install string }
	var cases []resolved
	var args []string
	for _, tc := range []struct{ dir, install string }{{site, "releases/latest/download"}, {root, "go build"}} {
		for ctx, baseURL := range map[string]string{"production": `--base-url "$URL/"`, "deploy-preview": `--base-url "$DEPLOY_PRIME_URL/"`, "branch-deploy": `--base-url "$DEPLOY_PRIME_URL/"`} {
			cases = append(cases, resolved{tc.dir, ctx, baseURL, tc.install})
			args = append(args, tc.dir, ctx)
		}
	}
	out, err := exec.Command("node", append([]string{script}, args...)...).Output()
	if err != nil {
		t.Fatalf("@netlify/config: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(cases) {
		t.Fatalf("@netlify/config resolved %d configurations, want %d:\n%s", len(lines), len(cases), out)
	}
	for i, tc := range cases {
		var got struct {
			Command, Publish string
			Environment      map[string]string
		}
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got.Command, tc.baseURL) || !strings.Contains(got.Command, "$CMPLAY_INSTALL") ||
			!strings.Contains(got.Environment["CMPLAY_INSTALL"], tc.install) || got.Publish != filepath.Join(tc.dir, "public") {
			t.Errorf("%s (%s) resolves to %+v", tc.dir, tc.ctx, got)
		}
	}
}
