package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/cmplay/cmplay/generator"
	"github.com/cmplay/cmplay/playbooks"
	"github.com/spf13/pflag"
)

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
	cfg.HistoryCacheDir = cacheDir("history")
	cfg.RecordDir = cacheDir("builds")
	return cfg, diags, true
}

// buildCmd declares the flags of `cmplay build`.
func buildCmd(fs *pflag.FlagSet) runFunc {
	var o buildOptions
	o.sf.register(fs)
	fs.StringVar(&o.out, "out", "", "output `folder` (default <source>/public)")
	fs.BoolVar(&o.watch, "watch", false, "rebuild the output folder after every change until Ctrl-C (see docs/serve.md)")
	fs.BoolVar(&o.poll, "poll", false, "with --watch: poll for changes every second instead of using file system events")
	fs.BoolVar(&o.timings, "timings", false, "print how long each stage of the build took")
	fs.BoolVar(&o.force, "force", false, "build even when no input changed since the build in the output folder (which is otherwise left as it is)")
	fs.StringVar(&o.zip, "zip", "", "also write the built site as a zip archive to `file`, e.g. playbook.zip")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the build to `file` (for go tool pprof)")
	fs.StringVar(&o.memprofile, "memprofile", "", "write a heap profile of the build to `file` (for go tool pprof): what is still held when it ends, and every allocation")
	return func(_ []string, stdout, stderr io.Writer) int { return cmdBuild(&o, stdout, stderr) }
}

// cacheDir is where the command keeps what builds reuse (the history cache, the record of the
// last build of each output folder): a folder in the user's cache folder (on Linux
// $XDG_CACHE_HOME or ~/.cache), never the site's content or output. "" when there is no such
// folder: builds then reuse nothing.
func cacheDir(name string) string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "cmplay", name)
}

type buildOptions struct {
	sf                               siteFlags
	out, cpuprofile, memprofile, zip string
	watch, poll, timings, force      bool
}

func cmdBuild(o *buildOptions, stdout, stderr io.Writer) int {
	sf := &o.sf
	cfg, cfgDiags, ok := sf.config(stderr)
	if !ok {
		return 1
	}
	cfg.Out = o.out
	cfg.Waiting = stderr
	cfg.SkipUnchanged = !o.force
	if !strings.Contains(cfg.BaseURL, "://") { // "/" by default, or a path such as /playbook/
		fmt.Fprintf(stderr, "cmplay: note: no base URL, so sitemap.xml has relative addresses, pages have no canonical link and the changelog feed no absolute links; set base_url in cmplay.toml, --base-url or %s\n", envName("base-url"))
	}
	if o.watch {
		printDiags(stderr, cfgDiags)
		return watchBuild(sf, cfg, o.poll, stdout, stderr)
	}
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "cmplay: %v\n", errText(err))
			return 1
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	res, err := generator.Build(cfg)
	if o.memprofile != "" {
		if err := writeHeapProfile(o.memprofile); err != nil {
			fmt.Fprintf(stderr, "cmplay: --memprofile: %v\n", errText(err))
		}
	}
	if err != nil {
		printDiags(stderr, cfgDiags)
		fmt.Fprintf(stderr, "cmplay: build failed (any previous output is untouched): %v\n", errText(err))
		return 1
	}
	res.Diagnostics = append(cfgDiags, res.Diagnostics...)
	printDiags(stderr, res.Diagnostics)
	if o.timings {
		for _, st := range res.Stages {
			fmt.Fprintf(stdout, "  %-11s %v\n", st.Stage, st.Duration.Round(time.Millisecond))
		}
	}
	fmt.Fprintln(stdout, res.Summary())
	if o.zip != "" {
		out := cfg.Out
		if out == "" {
			out = filepath.Join(cfg.Source, "public")
		}
		n, err := zipSite(out, o.zip)
		if err != nil {
			fmt.Fprintf(stderr, "cmplay: --zip: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "zipped %d files → %s\n", n, o.zip)
	}
	if res.Diagnostics.Errors() > 0 {
		return 1
	}
	return 0
}

// writeHeapProfile writes the heap profile to file while the build's result (its site) is still
// held, so the profile's in-use view shows what a build keeps and its alloc view what it churned.
func writeHeapProfile(file string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	runtime.GC() // the in-use figures are as of the last collection
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func printDiags(w io.Writer, ds playbooks.Diagnostics) {
	for _, d := range ds {
		fmt.Fprintln(w, d.String())
	}
}

// errText is an error as one printable line: errors can carry file names from the content
// folder, which may hold a newline or a terminal escape.
func errText(err error) string { return playbooks.EscapeControls(err.Error()) }
