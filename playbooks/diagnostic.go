package playbooks

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Severity says whether a diagnostic stops a page (Error) or only asks for attention (Warning).
type Severity int

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one problem found in the input, located at a file, line and column (1-based;
// 0 means unknown). Rule is a short machine-readable name ("front-matter", "broken-link");
// Fix is a one-line suggestion for the author, and may be empty.
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	Severity Severity
	Rule     string
	Msg      string
	Fix      string
}

// String formats the diagnostic the way compilers do: file:line:col: severity: message. It is
// always one line of printable text: a file name with a control character or invalid UTF-8 is
// quoted, and control characters in the message are escaped, so a file named "x\n::error::…"
// cannot write a line of its own into a terminal or a CI log.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(QuoteName(d.File))
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	fmt.Fprintf(&b, ": %s: %s", d.Severity, EscapeControls(d.Msg))
	if d.Rule != "" {
		fmt.Fprintf(&b, " [%s]", EscapeControls(d.Rule))
	}
	if d.Fix != "" {
		fmt.Fprintf(&b, " (fix: %s)", EscapeControls(d.Fix))
	}
	return b.String()
}

// QuoteName returns a file name as it is when it is valid UTF-8 of printable characters, and
// Go-quoted otherwise.
func QuoteName(name string) string {
	if utf8.ValidString(name) && !strings.ContainsFunc(name, unsafeRune) {
		return name
	}
	return strconv.Quote(name)
}

// EscapeControls writes control characters, line and paragraph separators and invalid UTF-8 in s
// as Go escapes (\n, \x1b, \u2028), leaving the rest as it is.
func EscapeControls(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unsafeRune(r) {
			q := strconv.Quote(s[i : i+size])
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafeRune reports characters that end a line or steer a terminal.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}

// Diagnostics is the log a build collects: every stage appends, nobody stops early.
type Diagnostics []Diagnostic

// Errors counts the diagnostics of severity Error.
func (ds Diagnostics) Errors() int { return ds.count(Error) }

// Warnings counts the diagnostics of severity Warning.
func (ds Diagnostics) Warnings() int { return ds.count(Warning) }

func (ds Diagnostics) count(s Severity) int {
	n := 0
	for _, d := range ds {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Sort orders diagnostics by file, line and column so output is stable whatever order the
// parallel stages reported them in.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
}

// Position converts a byte offset in src into a 1-based line and column (in runes, so a column
// points at the character a person sees). For many lookups in one file use a LineIndex.
func Position(src []byte, offset int) (line, col int) {
	offset = max(0, min(offset, len(src)))
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	return 1 + bytes.Count(src[:start], []byte{'\n'}), 1 + utf8.RuneCount(src[start:offset])
}

// LineIndex answers Position for one file in logarithmic time for the line, and in time
// proportional to the distance from the previous lookup for the column: lookups come in document
// order, so a line with n links costs O(line length) in all, not O(n × line length). It is not
// safe for concurrent use.
type LineIndex struct {
	src    []byte
	starts []int // offset of the first byte of each line
	// The previous lookup: its line's index, byte offset and rune column.
	lastLine, lastOff, lastCol int
}

// NewLineIndex indexes the line starts of src.
func NewLineIndex(src []byte) *LineIndex {
	starts := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &LineIndex{src: src, starts: starts, lastOff: -1}
}

// Position is the 1-based line and rune column of a byte offset.
func (x *LineIndex) Position(offset int) (line, col int) {
	offset = max(0, min(offset, len(x.src)))
	i := sort.SearchInts(x.starts, offset+1) - 1
	from, col := x.starts[i], 1
	if x.lastOff >= 0 && x.lastLine == i && x.lastOff <= offset {
		from, col = x.lastOff, x.lastCol
	}
	col += utf8.RuneCount(x.src[from:offset])
	x.lastLine, x.lastOff, x.lastCol = i, offset, col
	return i + 1, col
}
