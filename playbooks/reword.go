package playbooks

import (
	"strings"
	"unicode"
)

// RewordThreshold is how similar (see Similarity) a new item's text must be to an item that
// vanished for the new one to count as its rewording.
const RewordThreshold = 0.5

// Reworded reports whether cur reads as a rewording of old: the two texts share at least half
// their words, by the Dice coefficient of their sets of lower-cased words. It is the one rule
// for "this item was reworded": `cmplay check --base` warns when a rewording changes an item's
// id, and the theme carries a reader's tick over to the reworded item (follow in
// progress-store.js, which must agree: themes' TestRewordParity runs both on one table).
//
// Dice rather than Jaccard: a rewording that reorders a sentence keeps many words but adds a
// few ("Meet your sponsor over coffee" → "Have coffee with your sponsor": Dice 0.6, Jaccard
// 0.43), and missing it loses a reader's tick silently, while a wrong match is shown to the
// reader as "changed since you ticked it" to confirm.
func Reworded(old, cur string) bool { return Similarity(old, cur) >= RewordThreshold }

// Similarity is the Dice coefficient of two texts' sets of words, 2·common / (|a| + |b|), from
// 0 (no word in common, or an empty text) to 1.
func Similarity(a, b string) float64 {
	wa, wb := rewordWords(a), rewordWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
}

// rewordWords splits a text the way the browser does (toLowerCase, then split on anything that
// is not \p{L} or \p{N}), so both sides see the same words.
func rewordWords(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(lowerLikeJS(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		m[w] = true
	}
	return m
}

// lowerLikeJS is strings.ToLower with the two special casings JavaScript's toLowerCase applies
// and Go's does not: İ becomes i and a combining dot, and Σ at the end of a word becomes ς.
func lowerLikeJS(s string) string {
	if !strings.ContainsAny(s, "İΣ") {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch {
		case r == 'İ':
			b.WriteString("i\u0307")
		case r == 'Σ' && i > 0 && unicode.IsLetter(rs[i-1]) && (i+1 == len(rs) || !unicode.IsLetter(rs[i+1])):
			b.WriteRune('ς')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
