package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/cmplay/cmplay/playbooks"
	"github.com/spf13/pflag"
)

// envFlags are the flags that can also be set in the environment, as CMPLAY_ and the flag's name
// in capitals with "_" for "-" (CMPLAY_BASE_URL). They are the ones a CI job or a container sets
// once for every command; per-page flags such as --title stay on the command line.
var envFlags = []string{"source", "base-url", "out", "drafts", "format", "port", "bind", "poll"}

// envName is the environment variable that sets the flag name.
func envName(name string) string {
	return "CMPLAY_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

// newFlagSet returns an empty flag set for a command. pflag rather than the standard library's
// flag: it takes flags after the arguments (`new page checklist x.md --title Leaving`), spells
// them --name in help as on the command line, and reports an unknown flag as a typed error we can
// offer a suggestion for. Cobra would add a second command tree and its own help templates for
// what the small table in commands.go does.
func newFlagSet(path string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(path, pflag.ContinueOnError)
	fs.SetOutput(io.Discard) // parseFlags prints errors and help itself, to the right stream
	fs.Usage = func() {}
	fs.SortFlags = false // declaration order puts the common flags first
	return fs
}

// parseFlags parses args into fs, then fills the flags left unset from the environment. It
// returns the exit code to stop with (0 after --help, 2 on a usage error), or -1 to go on.
func parseFlags(fs *pflag.FlagSet, args []string, stdout, stderr io.Writer, usage func(io.Writer)) int {
	err := fs.Parse(legacyDashes(fs, args))
	if errors.Is(err, pflag.ErrHelp) {
		usage(stdout)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %s\n\n", fs.Name(), flagError(fs, err))
		usage(stderr)
		return 2
	}
	for _, name := range envFlags {
		f := fs.Lookup(name)
		if f == nil || f.Changed {
			continue
		}
		if v, ok := os.LookupEnv(envName(name)); ok && v != "" {
			if err := fs.Set(name, v); err != nil {
				fmt.Fprintf(stderr, "%s: %s=%q: %v\n", fs.Name(), envName(name), v, err)
				return 2
			}
		}
	}
	return -1
}

// flagError words a parse error, with a suggestion when the flag is unknown but close to one.
func flagError(fs *pflag.FlagSet, err error) string {
	var unknown *pflag.NotExistError
	if !errors.As(err, &unknown) || unknown.GetSpecifiedShortnames() != "" {
		return err.Error()
	}
	var names []string
	fs.VisitAll(func(f *pflag.Flag) { names = append(names, "--"+f.Name) })
	return fmt.Sprintf("unknown flag --%s%s", unknown.GetSpecifiedName(), playbooks.Suggest("--"+unknown.GetSpecifiedName(), names))
}

// legacyDashes rewrites "-name" and "-name=value" to "--name…" when name is one of fs's long
// flags, so scripts written for cmplay's earlier, standard-library flags keep working. pflag
// would read "-out" as the shorthands o, u and t. Nothing after "--" is touched.
func legacyDashes(fs *pflag.FlagSet, args []string) []string {
	out := make([]string, len(args))
	copy(out, args)
	for i, a := range out {
		if a == "--" {
			break
		}
		if len(a) < 3 || a[0] != '-' || a[1] == '-' {
			continue
		}
		name, _, _ := strings.Cut(a[1:], "=")
		if fs.Lookup(name) != nil || name == "help" {
			out[i] = "-" + a
		}
	}
	return out
}

// flagUsages lists fs's flags one a line, as `--name VALUE  usage (default …) [$CMPLAY_NAME]`.
// pflag's own listing writes a boolean as `--drafts[=true|false]`, which reads worse than the
// plain `--drafts` everyone types.
func flagUsages(fs *pflag.FlagSet) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 3, ' ', 0)
	fs.VisitAll(func(f *pflag.Flag) {
		value, usage := pflag.UnquoteUsage(f)
		if f.Value.Type() == "bool" {
			value = ""
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		if slices.Contains(envFlags, f.Name) {
			usage += fmt.Sprintf(" [$%s]", envName(f.Name))
		}
		fmt.Fprintf(tw, "  --%s %s\t%s\n", f.Name, value, usage)
	})
	tw.Flush()
	return b.String()
}

// siteFlags are the flags every command that reads a site shares.
type siteFlags struct {
	source  string
	baseURL string
	drafts  bool
}

func (f *siteFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "site `folder` (holds cmplay.toml and content/)")
	fs.StringVar(&f.baseURL, "base-url", "", "`URL` the site is published at, e.g. https://intranet.example/playbook/ (overrides cmplay.toml)")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages marked draft")
}
