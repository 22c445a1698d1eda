package check

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/cmplay/cmplay/playbooks"
)

// Report is what one check found.
type Report struct {
	Pages       int // pages checked
	Diagnostics playbooks.Diagnostics
}

// Summary is the report's last line: "checked 79 pages: 0 errors, 2 warnings".
func (r Report) Summary() string {
	return fmt.Sprintf("checked %s: %s, %s", plural(r.Pages, "page"),
		plural(r.Diagnostics.Errors(), "error"), plural(r.Diagnostics.Warnings(), "warning"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Formats are the names --format accepts.
var Formats = []string{"text", "json", "github"}

// Write prints the report in a format; root is the site folder as the reader's tools see it
// (GitHub resolves annotation paths from the repository root), "" or "." for the current folder.
func Write(w io.Writer, format string, r Report, root string) error {
	switch format {
	case "text":
		return Text(w, r)
	case "json":
		return JSON(w, r)
	case "github":
		return GitHub(w, r, root)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Text prints one line per finding, the way compilers do, then the summary:
//
//	content/a.md:3:7: error: link to missing page "b.md" [broken-link] (fix: check the path…)
func Text(w io.Writer, r Report) error {
	var b strings.Builder
	for _, d := range r.Diagnostics {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	b.WriteString(r.Summary())
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// JSONVersion is the version of the JSON schema; it changes only when a field changes meaning
// or goes away (new fields may be added within a version).
const JSONVersion = 1

// jsonReport is the JSON schema, documented in docs/check.md.
type jsonReport struct {
	Version  int           `json:"version"`
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonFinding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
	Fix      string `json:"fix"`
}

type jsonSummary struct {
	Pages    int `json:"pages"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// JSON prints the report as one JSON document (schema version JSONVersion).
func JSON(w io.Writer, r Report) error {
	out := jsonReport{Version: JSONVersion, Findings: make([]jsonFinding, 0, len(r.Diagnostics)),
		Summary: jsonSummary{Pages: r.Pages, Errors: r.Diagnostics.Errors(), Warnings: r.Diagnostics.Warnings()}}
	for _, d := range r.Diagnostics {
		out.Findings = append(out.Findings, jsonFinding{File: d.File, Line: d.Line, Col: d.Col, Severity: d.Severity.String(),
			Rule: d.Rule, Message: d.Msg, Fix: d.Fix})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// GitHub prints workflow commands that GitHub Actions shows as annotations on the pull request's
// changed lines, then the summary as a plain log line.
func GitHub(w io.Writer, r Report, root string) error {
	var b strings.Builder
	for _, d := range r.Diagnostics {
		file := d.File
		if root != "" && root != "." && !path.IsAbs(file) {
			file = path.Join(root, file)
		}
		fmt.Fprintf(&b, "::%s file=%s", d.Severity, escapeProperty(playbooks.EscapeControls(file)))
		if d.Line > 0 {
			fmt.Fprintf(&b, ",line=%d", d.Line)
			if d.Col > 0 {
				fmt.Fprintf(&b, ",col=%d", d.Col)
			}
		}
		if d.Rule != "" {
			fmt.Fprintf(&b, ",title=%s", escapeProperty(playbooks.EscapeControls(d.Rule)))
		}
		// Control characters in names and messages are escaped as text first; the newline before
		// the fix is the only one, and escapeData encodes it as %0A, so one finding is one line.
		msg := playbooks.EscapeControls(d.Msg)
		if d.Fix != "" {
			msg += "\nFix: " + playbooks.EscapeControls(d.Fix)
		}
		fmt.Fprintf(&b, "::%s\n", escapeData(msg))
	}
	b.WriteString(r.Summary())
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeData escapes a workflow command's message the way the Actions toolkit does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value, which also ends at ":" and ",".
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
