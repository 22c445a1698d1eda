package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/cmplay/cmplay/playbooks"
	"github.com/spf13/pflag"
)

// A command is one word of the command line: either a leaf that declares flags and runs, or a
// group of subcommands (`new site`, `new page`).
type command struct {
	name    string
	args    string // the positional arguments in the synopsis, e.g. "KIND PATH"
	nargs   int    // how many positional arguments it takes
	summary string
	// setup declares the command's flags on fs and returns what runs once they are parsed. The
	// completion and help read the same flag set, so they never drift from the command.
	setup func(fs *pflag.FlagSet) runFunc
	sub   []*command
}

// runFunc runs a command with its positional arguments, after its flags are parsed.
type runFunc func(args []string, stdout, stderr io.Writer) int

// commands is the command tree. It is a function rather than a variable so the completion
// command can refer to it without an initialisation cycle.
func commands() []*command {
	return []*command{
		{name: "build", summary: "build the site into public/ (or --out)", setup: buildCmd},
		{name: "serve", summary: "build the site and serve it locally, reloading on every change", setup: serveCmd},
		{name: "check", summary: "check the site for a pull request: links, checklists, owners, freshness", setup: checkCmd},
		{name: "new", summary: "start a playbook (new site DIR) or add a page (new page KIND PATH)", sub: []*command{
			{name: "site", args: "DIR", nargs: 1, summary: "start a playbook in DIR", setup: newSiteCmd},
			{name: "page", args: "KIND PATH", nargs: 2, summary: "add a page of KIND at PATH below the content folder", setup: newPageCmd},
		}},
		{name: "completion", args: "SHELL", nargs: 1, summary: "print a completion script for bash, zsh or fish", setup: completionCmd},
		{name: "version", summary: "print cmplay's version, commit and build date", setup: versionCmd},
		{name: completeCommand, nargs: -1, setup: completeCmd}, // hidden: what the completion scripts call
	}
}

// dispatch finds the command named by args[0] among cmds and runs it; path is the command line
// so far ("cmplay", "cmplay new") for messages.
func dispatch(cmds []*command, path string, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, groupUsage(path, cmds))
		return 2
	}
	switch args[0] {
	case "help", "-h", "--help", "-help":
		if len(args) > 1 && args[0] == "help" && find(cmds, args[1]) != nil { // cmplay help build
			return dispatch(cmds, path, append(args[1:], "--help"), stdout, stderr)
		}
		fmt.Fprint(stdout, groupUsage(path, cmds))
		return 0
	case "--version", "-version":
		if path == "cmplay" {
			args = append([]string{"version"}, args[1:]...)
		}
	}
	c := find(cmds, args[0])
	if c == nil {
		names := make([]string, 0, len(cmds))
		for _, c := range visible(cmds) {
			names = append(names, c.name)
		}
		fmt.Fprintf(stderr, "%s: unknown command %q%s\n\n%s", path, args[0], playbooks.Suggest(args[0], names), groupUsage(path, cmds))
		return 2
	}
	if c.sub != nil {
		return dispatch(c.sub, path+" "+c.name, args[1:], stdout, stderr)
	}
	return runLeaf(c, path+" "+c.name, args[1:], stdout, stderr)
}

// runLeaf parses a leaf command's flags (from anywhere on the line, then the environment),
// checks the number of arguments and runs it.
func runLeaf(c *command, path string, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet(path)
	run := c.setup(fs)
	if c.name == completeCommand {
		return run(args, stdout, stderr) // words being completed, flags and all
	}
	if code := parseFlags(fs, args, stdout, stderr, func(w io.Writer) { leafUsage(w, c, path, fs) }); code >= 0 {
		return code
	}
	if c.nargs >= 0 && fs.NArg() != c.nargs {
		if fs.NArg() > c.nargs {
			fmt.Fprintf(stderr, "%s: unexpected argument %q\n", path, fs.Arg(c.nargs))
		} else {
			fmt.Fprintf(stderr, "%s: missing %s\n", path, strings.Fields(c.args)[fs.NArg()])
		}
		leafUsage(stderr, c, path, fs)
		return 2
	}
	return run(fs.Args(), stdout, stderr)
}

func find(cmds []*command, name string) *command {
	for _, c := range cmds {
		if c.name == name {
			return c
		}
	}
	return nil
}

// visible leaves out the hidden commands (those without a summary).
func visible(cmds []*command) []*command {
	var out []*command
	for _, c := range cmds {
		if c.summary != "" {
			out = append(out, c)
		}
	}
	return out
}

func groupUsage(path string, cmds []*command) string {
	var b strings.Builder
	if path == "cmplay" {
		b.WriteString("cmplay turns a folder of Markdown into a community-manager playbook site.\n\n")
	}
	fmt.Fprintf(&b, "Usage:\n  %s <command> [flags] [arguments]\n\nCommands:\n", path)
	for _, c := range visible(cmds) {
		name := c.name
		if c.args != "" {
			name += " " + c.args
		}
		fmt.Fprintf(&b, "  %-16s %s\n", name, c.summary)
	}
	fmt.Fprintf(&b, "\nRun \"%s <command> --help\" for a command's flags.\n", path)
	if path == "cmplay" {
		b.WriteString("Flags go before or after the arguments. The common ones can be set in the environment too:\n" +
			"CMPLAY_SOURCE, CMPLAY_BASE_URL, CMPLAY_OUT, CMPLAY_DRAFTS, CMPLAY_FORMAT, CMPLAY_PORT, CMPLAY_BIND, CMPLAY_POLL.\n")
	}
	return b.String()
}

func leafUsage(w io.Writer, c *command, path string, fs *pflag.FlagSet) {
	synopsis := path
	if fs.HasFlags() {
		synopsis += " [flags]"
	}
	if c.args != "" {
		synopsis += " " + c.args
	}
	fmt.Fprintf(w, "Usage: %s\n\n%s.\n", synopsis, upperFirst(c.summary))
	if fs.HasFlags() {
		fmt.Fprintf(w, "\nFlags:\n%s", flagUsages(fs))
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
