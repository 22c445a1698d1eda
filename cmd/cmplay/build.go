package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/cmplay/cmplay/generator"
	"github.com/cmplay/cmplay/playbooks"
)

// siteFlags are the flags every command that reads a site shares.
type siteFlags struct {
	source  string
	baseURL string
	drafts  bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "site `folder` (holds cmplay.toml and content/)")
	fs.StringVar(&f.baseURL, "base-url", "", "`URL` the site is published at, e.g. https://intranet.example/playbook/ (overrides cmplay.toml)")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages marked draft")
}

// config loads cmplay.toml and applies the flags over it.
func (f *siteFlags) config(stderr io.Writer) (generator.Config, playbooks.Diagnostics, bool) {
	cfg, diags, err := generator.LoadConfig(f.source)
	if err != nil {
		printDiags(stderr, diags)
		fmt.Fprintf(stderr, "cmplay: %v\n", errText(err))
		return cfg, diags, false
	}
	if f.baseURL != "" {
		cfg.BaseURL = f.baseURL
	}
	cfg.Drafts = f.drafts
	cfg.HistoryCacheDir = historyCacheDir()
	return cfg, diags, true
}

// historyCacheDir is where the command keeps the history cache between builds: the user's cache
// folder (on Linux $XDG_CACHE_HOME or ~/.cache), never the site's content. "" when there is no
// such folder: builds then walk the history every time.
func historyCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "cmplay", "history")
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: cmplay %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; it returns the exit code to stop with, or -1 to go on.
func parse(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "cmplay %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2
	}
	return -1
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build", "build [--source DIR] [--out DIR] [--base-url URL] [--drafts] [--watch]", stderr)
	var sf siteFlags
	sf.register(fs)
	out := fs.String("out", "", "output `folder` (default <source>/public)")
	watch := fs.Bool("watch", false, "rebuild the output folder after every change until Ctrl-C (see docs/serve.md)")
	poll := fs.Bool("poll", false, "with --watch: poll for changes every second instead of using file system events")
	timings := fs.Bool("timings", false, "print how long each stage of the build took")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (for go tool pprof)")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	cfg, cfgDiags, ok := sf.config(stderr)
	if !ok {
		return 1
	}
	cfg.Out = *out
	cfg.Waiting = stderr
	if *watch {
		printDiags(stderr, cfgDiags)
		return watchBuild(&sf, cfg, *poll, stdout, stderr)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "cmplay: %v\n", errText(err))
			return 1
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	res, err := generator.Build(cfg)
	if err != nil {
		printDiags(stderr, cfgDiags)
		fmt.Fprintf(stderr, "cmplay: build failed (any previous output is untouched): %v\n", errText(err))
		return 1
	}
	res.Diagnostics = append(cfgDiags, res.Diagnostics...)
	printDiags(stderr, res.Diagnostics)
	if *timings {
		for _, st := range res.Stages {
			fmt.Fprintf(stdout, "  %-11s %v\n", st.Stage, st.Duration.Round(time.Millisecond))
		}
	}
	fmt.Fprintln(stdout, res.Summary())
	if res.Diagnostics.Errors() > 0 {
		return 1
	}
	return 0
}

func printDiags(w io.Writer, ds playbooks.Diagnostics) {
	for _, d := range ds {
		fmt.Fprintln(w, d.String())
	}
}

// errText is an error as one printable line: errors can carry file names from the content
// folder, which may hold a newline or a terminal escape.
func errText(err error) string { return playbooks.EscapeControls(err.Error()) }
