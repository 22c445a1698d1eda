package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"
)

// version overrides the module version from the build info when a release build sets it with
// -ldflags "-X main.version=…" (goreleaser does, so a snapshot names itself too).
var version string

// versionCmd declares `cmplay version`, which prints what was built: the module version that
// `go install …@vX` or a tagged build records, the commit, its date and whether the tree had
// uncommitted changes, all read from the binary's own build info.
func versionCmd(fs *pflag.FlagSet) runFunc {
	return func(_ []string, stdout, _ io.Writer) int {
		info, _ := debug.ReadBuildInfo()
		fmt.Fprintln(stdout, versionLine(info, version))
		return 0
	}
}

// versionLine formats the build info as one line, e.g.
// "cmplay v0.4.0 (commit 1a2b3c4d5e6f, 2026-11-30, modified; go1.26.8 linux/amd64)".
// A build without version control information (go run, a tarball) says "devel".
func versionLine(info *debug.BuildInfo, override string) string {
	v, goVersion := "devel", runtime.Version()
	var details []string
	if info != nil {
		if info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if rev := settings["vcs.revision"]; rev != "" {
			details = append(details, "commit "+rev[:min(12, len(rev))])
		}
		if t := settings["vcs.time"]; len(t) >= 10 {
			details = append(details, t[:10])
		}
		if settings["vcs.modified"] == "true" {
			details = append(details, "modified")
		}
	}
	if override != "" {
		v = override
	}
	platform := goVersion + " " + runtime.GOOS + "/" + runtime.GOARCH
	if len(details) == 0 {
		return fmt.Sprintf("cmplay %s (%s)", v, platform)
	}
	return fmt.Sprintf("cmplay %s (%s; %s)", v, strings.Join(details, ", "), platform)
}
