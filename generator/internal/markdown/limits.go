package markdown

import (
	"bytes"
	"fmt"

	"github.com/cmplay/cmplay/playbooks"
)

// Limits that keep the work on one page proportional to its size, whatever it holds. They are far
// above what a playbook page needs; docs/authoring.md states them.
const (
	// MaxNesting is how deep lists and block quotes may nest. Goldmark's time grows with the
	// square of the depth (3,000 levels took 92 s), so lines deeper than this lose their list and
	// quote markers and are read as text.
	MaxNesting = 64
	// MaxLinks is how many links and images of a page are rewritten and checked; the rest are
	// rendered as written.
	MaxLinks = 10_000
)

// flatten returns body with the container markers of every line nested deeper than MaxNesting
// replaced by spaces (byte for byte, so every offset and line number stays true), and reports
// the first such line. body itself is not changed.
func flatten(file string, body []byte) ([]byte, playbooks.Diagnostics) {
	var out []byte
	first, count := 0, 0
	for off, line := 0, 1; off < len(body); line++ {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body) - off
		}
		if depth, prefix := nesting(body[off : off+end]); depth > MaxNesting {
			if out == nil {
				out = bytes.Clone(body)
				first = line
			}
			count++
			for i := off; i < off+prefix; i++ {
				if c := out[i]; c != ' ' && c != '\t' {
					out[i] = ' '
				}
			}
		}
		off += end + 1
	}
	if out == nil {
		return body, nil
	}
	return out, playbooks.Diagnostics{{File: file, Line: first, Col: 1, Severity: playbooks.Error, Rule: "nesting-depth",
		Msg: fmt.Sprintf("lists or quotes nest deeper than %d levels on %s; shown as plain text", MaxNesting, lines(count)),
		Fix: "flatten the list or quote"}}
}

// nesting estimates from above how many lists and quotes a line opens or continues: one for each
// quote or list marker at its start, and one for every two columns of indentation before them
// (a list item's content is indented at least two columns). It returns the estimate and the
// length of the prefix holding the markers. A line without a marker opens nothing.
func nesting(line []byte) (depth, prefix int) {
	cols, markers := 0, 0
	i := 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4 - cols%4
			i++
		case c == '>':
			markers++
			cols++
			i++
			prefix = i
		case (c == '-' || c == '*' || c == '+') && spaceAt(line, i+1):
			markers++
			cols++
			i++
			prefix = i
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j < len(line) && (line[j] == '.' || line[j] == ')') && spaceAt(line, j+1) {
				markers++
				cols += j + 1 - i
				i = j + 1
				prefix = i
				continue
			}
			return depthOf(markers, cols), prefix
		default:
			return depthOf(markers, cols), prefix
		}
	}
	return depthOf(markers, cols), prefix
}

func depthOf(markers, cols int) int {
	if markers == 0 {
		return 0
	}
	return markers + cols/2
}

func spaceAt(line []byte, i int) bool {
	return i >= len(line) || line[i] == ' ' || line[i] == '\t'
}

func lines(n int) string {
	if n == 1 {
		return "1 line"
	}
	return fmt.Sprintf("%d lines", n)
}
