package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cmplay/cmplay/generator"
	"github.com/cmplay/cmplay/generator/check"
	"github.com/cmplay/cmplay/playbooks"
	"github.com/spf13/pflag"
)

// checkCmd declares the flags of `cmplay check`, which checks a site for a pull request: it
// prints every finding in the chosen format and exits 1 on errors (with --strict, on warnings too).
func checkCmd(fs *pflag.FlagSet) runFunc {
	var sf siteFlags
	sf.register(fs)
	format := fs.String("format", "text", "output `format`: text, json (schema in docs/check.md) or github (Actions annotations)")
	strict := fs.Bool("strict", false, "exit 1 on warnings too")
	base := fs.String("base", "", "git `revision` (e.g. origin/main) to compare checklist item ids with")
	today := fs.String("today", "", "check review_by dates against this `date` (YYYY-MM-DD) instead of today")
	return func(_ []string, stdout, stderr io.Writer) int {
		return cmdCheck(&sf, *format, *strict, *base, *today, stdout, stderr)
	}
}

func cmdCheck(sf *siteFlags, format string, strict bool, base, today string, stdout, stderr io.Writer) int {
	if !slices.Contains(check.Formats, format) {
		fmt.Fprintf(stderr, "cmplay check: unknown --format %q (want %s)\n", format, strings.Join(check.Formats, ", "))
		return 2
	}
	opt := generator.CheckOptions{Base: base}
	if today != "" {
		t, err := playbooks.ParseDate(today)
		if err != nil {
			fmt.Fprintf(stderr, "cmplay check: --today: %v\n", errText(err))
			return 2
		}
		opt.Today = t
	}
	cfg, cfgDiags, ok := sf.config(stderr)
	if !ok {
		return 1
	}
	res, err := generator.Check(cfg, opt)
	if err != nil {
		fmt.Fprintf(stderr, "cmplay check: %v\n", errText(err))
		return 1
	}
	for i := range cfgDiags {
		if rel, err := filepath.Rel(sf.source, cfgDiags[i].File); err == nil {
			cfgDiags[i].File = filepath.ToSlash(rel)
		}
	}
	r := check.Report{Pages: res.Pages, Diagnostics: append(cfgDiags, res.Diagnostics...)}
	if err := check.Write(stdout, format, r, filepath.ToSlash(sf.source)); err != nil {
		fmt.Fprintf(stderr, "cmplay check: %v\n", errText(err))
		return 1
	}
	if r.Diagnostics.Errors() > 0 || strict && r.Diagnostics.Warnings() > 0 {
		return 1
	}
	return 0
}
