// Command cmplay builds, serves and checks community-manager playbooks.
//
//	cmplay build       build the site into public/
//	cmplay serve       build and serve the site locally
//	cmplay check       check the site for a pull request (links, checklists, owners, freshness)
//	cmplay new         start a playbook, or add a page to one
//	cmplay completion  print a shell completion script (bash, zsh, fish)
//	cmplay version     print the version, commit and build date
//
// Flags may come before or after the arguments (`cmplay new page checklist x.md --title Leaving`)
// and are spelled `--name`. The common ones can also be set in the environment as CMPLAY_NAME
// (CMPLAY_BASE_URL, CMPLAY_SOURCE, …); a flag on the command line wins over the environment,
// and both win over cmplay.toml.
//
// Exit codes: 0 success, 1 the content has errors (or the build failed), 2 usage.
package main

import (
	"io"
	"os"
	"runtime/debug"
)

func main() {
	// A build holds every page's text, HTML and index entries at once. Collecting garbage more
	// often than Go's default (GOGC=100) keeps peak memory about a fifth lower for a few percent
	// of time (measured with bench/build.sh); GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it parses args, writes to the given streams and returns the
// exit code, so tests drive the real command.
func run(args []string, stdout, stderr io.Writer) int {
	return dispatch(commands(), "cmplay", args, stdout, stderr)
}
