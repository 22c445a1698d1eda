package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// TestReleaseConfig reads .goreleaser.yaml, the Dockerfile and action.yml and holds what the
// three promise each other: six static targets whose archives are named as action.yml downloads
// them, a version set through main.version, checksums, a licence in every archive, and an image
// that runs `cmplay build` as a non-root user. scripts/crossbuild.sh builds the same targets.
func TestReleaseConfig(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile("../../" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	var gr struct {
		Version int
		Builds  []struct {
			Main, Binary string
			Env, Flags   []string
			Goos, Goarch []string
			Ldflags      []string
		}
		Archives []struct {
			NameTemplate string `yaml:"name_template"`
			Formats      []string
			Files        []string
		}
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
			Algorithm    string
		}
	}
	if err := yaml.Unmarshal(read(".goreleaser.yaml"), &gr); err != nil {
		t.Fatal(err)
	}
	if gr.Version != 2 || len(gr.Builds) != 1 || len(gr.Archives) != 1 {
		t.Fatalf("want goreleaser v2 with one build and one archive: %+v", gr)
	}
	b := gr.Builds[0]
	if b.Main != "./cmd/cmplay" || !slices.Contains(b.Env, "CGO_ENABLED=0") || !slices.Contains(b.Flags, "-trimpath") {
		t.Errorf("build: %+v", b)
	}
	slices.Sort(b.Goos)
	slices.Sort(b.Goarch)
	if !slices.Equal(b.Goos, []string{"darwin", "linux", "windows"}) || !slices.Equal(b.Goarch, []string{"amd64", "arm64"}) {
		t.Errorf("targets %v × %v", b.Goos, b.Goarch)
	}
	if len(b.Ldflags) != 1 || !strings.Contains(b.Ldflags[0], "-X main.version=") {
		t.Errorf("ldflags %q do not set main.version", b.Ldflags)
	}
	a := gr.Archives[0]
	if a.NameTemplate != "{{ .ProjectName }}_{{ .Os }}_{{ .Arch }}" || !slices.Contains(a.Files, "LICENSE") {
		t.Errorf("archives: %+v", a)
	}
	if gr.Checksum.NameTemplate != "checksums.txt" || gr.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum: %+v", gr.Checksum)
	}
	if len(read("LICENSE")) < 10000 {
		t.Error("LICENSE is not a full licence text")
	}

	action := string(read("action.yml"))
	for _, want := range []string{"using: composite", `name="cmplay_${os}_${arch}"`, "checksums.txt", "sha256sum --check",
		"cmplay check --format github", "cmplay build --source"} {
		if !strings.Contains(action, want) {
			t.Errorf("action.yml lacks %q", want)
		}
	}
	var act struct {
		Runs struct {
			Using string
			Steps []struct{ Shell, Run string }
		}
	}
	if err := yaml.Unmarshal([]byte(action), &act); err != nil || len(act.Runs.Steps) != 3 {
		t.Fatalf("action.yml: %v, %d steps", err, len(act.Runs.Steps))
	}

	docker := string(read("Dockerfile"))
	user := regexp.MustCompile(`(?m)^USER (\S+)`).FindAllStringSubmatch(docker, -1)
	if len(user) == 0 || strings.HasPrefix(user[len(user)-1][1], "root") || strings.HasPrefix(user[len(user)-1][1], "0") {
		t.Errorf("the image does not end as a non-root user: %v", user)
	}
	for _, want := range []string{"CGO_ENABLED=0", "./cmd/cmplay", `ENTRYPOINT ["/usr/local/bin/cmplay"]`, `CMD ["build"]`, "WORKDIR /site"} {
		if !strings.Contains(docker, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
}
