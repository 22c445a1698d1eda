// Package acknowledge makes what a reader needs to acknowledge a page again after it changed: a
// word diff of the page's text between a version they acknowledged and the current one, computed
// at build time from git.
//
// # Diffs
//
// Words computes the diff over words (a word keeps the spaces after it, so the two texts are
// rebuilt exactly from the operations). It maps each distinct word to one rune and runs
// diff-match-patch's Myers diff over the runes, which is linear in the texts' length for small
// edits and bounded by a timeout for large ones (after it, the rest is one delete and one
// insert), so a build never spends unbounded time on a page.
//
// # Output
//
// A diff is a list of operations [op, text], op being "=" (kept), "-" (removed) or "+" (added).
// The theme renders it with text nodes inside <del> and <ins>: no HTML is ever made from page
// text, whatever the page holds.
package acknowledge

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op is one operation of a diff: [op, text].
type Op [2]string

// timeout bounds the time one diff may take; see the package doc.
const timeout = 500 * time.Millisecond

// Words is the word diff that turns a into b.
func Words(a, b string) []Op {
	dict := map[string]rune{}
	var words []string
	encode := func(s string) []rune {
		var out []rune
		for _, w := range split(s) {
			r, ok := dict[w]
			if !ok {
				r = rune(len(words))
				dict[w] = r
				words = append(words, w)
			}
			out = append(out, r)
		}
		return out
	}
	ra, rb := encode(a), encode(b)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = timeout
	var ops []Op
	for _, d := range dmp.DiffMainRunes(ra, rb, false) {
		var sb strings.Builder
		for _, r := range d.Text {
			sb.WriteString(words[r])
		}
		op := "="
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op = "-"
		case diffmatchpatch.DiffInsert:
			op = "+"
		}
		if n := len(ops); n > 0 && ops[n-1][0] == op {
			ops[n-1][1] += sb.String()
			continue
		}
		ops = append(ops, Op{op, sb.String()})
	}
	return ops
}

// split cuts s into words, each with the white space that follows it.
func split(s string) []string {
	var out []string
	start := 0
	inSpace := false
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if inSpace && !sp {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = sp
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// Context cuts each unchanged stretch longer than 2n+40 bytes to its first and last n bytes
// (at rune boundaries) around " … ", so a page stores only the changes and their surroundings,
// not its whole text once per version.
func Context(ops []Op, n int) []Op {
	out := make([]Op, len(ops))
	for i, o := range ops {
		out[i] = o
		if o[0] != "=" || len(o[1]) <= 2*n+40 {
			continue
		}
		head, tail := n, len(o[1])-n
		for head > 0 && !utf8.RuneStart(o[1][head]) {
			head--
		}
		for tail < len(o[1]) && !utf8.RuneStart(o[1][tail]) {
			tail++
		}
		switch {
		case i == 0:
			out[i][1] = "… " + o[1][tail:]
		case i == len(ops)-1:
			out[i][1] = o[1][:head] + " …"
		default:
			out[i][1] = o[1][:head] + " … " + o[1][tail:]
		}
	}
	return out
}
