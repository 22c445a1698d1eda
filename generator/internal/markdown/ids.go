package markdown

import (
	"html"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// ids generates heading anchors the way GitHub does, and keeps them unique within a page by
// numbering repeats ("faq", "faq-1", "faq-2"), skipping any number already taken.
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Anchor turns heading text (the text a reader sees, without markup) into an anchor with
// GitHub's algorithm, so a link that works on GitHub works on the site:
//   - the text is lower-cased;
//   - every character that is not a letter, a mark, a decimal or letter number (Ⅳ), a
//     connector (`_`), alphabetic (Ⓐ), `-` or a space is dropped: punctuation, symbols and emoji
//     go, every script's letters and vowel signs stay (so does the invisible variation selector
//     after an emoji, U+FE0F, as on GitHub);
//   - each space becomes `-`, without folding runs: "Upgrade / Downgrade" is
//     "upgrade--downgrade", and a leading emoji leaves a leading "-".
func Anchor(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) ||
			unicode.In(r, unicode.Nl, unicode.Pc, unicode.Other_Alphabetic):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	return []byte(s.unique(Anchor(string(value))))
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// generate is Generate with the anchors cmplay made before it followed GitHub (foldedAnchor).
func (s *ids) generate(line []byte) string { return s.unique(foldedAnchor(string(line))) }

// unique takes base ("section" when empty) as an id, or the first of base-1, base-2, … not
// used yet on the page, as GitHub numbers repeated headings.
func (s *ids) unique(base string) string {
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return id
}

// typographerText undoes goldmark's typographer, whose entities replace what the author typed:
// GitHub makes the anchor from the typed characters, so "a -- b" keeps its dashes.
var typographerText = map[string]string{
	"&ndash;": "--", "&mdash;": "---", "&hellip;": "...",
	"&lsquo;": "'", "&rsquo;": "'", "&ldquo;": `"`, "&rdquo;": `"`, "&laquo;": "<<", "&raquo;": ">>",
}

// anchorText is the text GitHub makes a heading's anchor from: the text a reader sees, with
// inline code and link text kept, and link URLs, image alt text and HTML tags left out.
func anchorText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
		case *ast.String:
			if t, ok := typographerText[string(c.Value)]; ok {
				b.WriteString(t)
			} else {
				b.Write(c.Value)
			}
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.Image, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return html.UnescapeString(b.String())
}

// foldedAnchor is how cmplay made anchors before it followed GitHub: letters and digits in lower
// case, runs of spaces and dashes folded into one dash, other punctuation dropped, from the
// heading's line as written. Checklist item ids that name their section were made with it, and
// readers' ticks are stored under those ids, so they keep it (see State.SectionKey).
func foldedAnchor(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			b.WriteRune(r)
			dash = false
		case (unicode.IsSpace(r) || r == '-') && !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}
