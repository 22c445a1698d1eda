// Command cmplay builds, serves and checks community-manager playbooks.
//
//	cmplay build    build the site into public/
//	cmplay serve    build and serve the site locally
//	cmplay check    check the site for a pull request (links, checklists, owners, freshness)
//	cmplay new      start a playbook, or add a page to one
//	cmplay version  print the version
//
// Exit codes: 0 success, 1 the content has errors (or the build failed), 2 usage.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// version is set at release time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	// A build holds every page's text, HTML and index entries at once. Collecting garbage more
	// often than Go's default (GOGC=100) keeps peak memory about a fifth lower for a few percent
	// of time (measured with bench/build.sh); GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `cmplay turns a folder of Markdown into a community-manager playbook site.

Usage:
  cmplay <command> [flags]

Commands:
  build     build the site into public/ (or --out)
  serve     build the site and serve it locally
  check     check the site for a pull request: links, checklists, owners, freshness
  new       start a playbook (new site DIR) or add a page (new page KIND PATH)
  version   print cmplay's version

Run "cmplay <command> --help" for a command's flags.
`

// run is main without the process: it parses args, writes to the given streams and returns the
// exit code, so tests drive the real command.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "cmplay %s\n", version)
		return 0
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "cmplay: unknown command %q\n\n%s", args[0], usage)
	return 2
}
