package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Token is one word of a text, normalised, with its byte span in the original text.
type Token struct {
	Word       string // lower case, apostrophes removed
	Start, End int
}

// Tokenize splits text into words the same way the browser's tokenize does (search-core.js): a
// word is a run of letters, combining marks, decimal digits and apostrophes; it is lower-cased and
// its apostrophes are dropped ("Don't" → "dont"). Runs made only of apostrophes are not words.
func Tokenize(text string) []Token {
	var out []Token
	eachWord(text, func(w string, start, end int) { out = append(out, Token{Word: w, Start: start, End: end}) })
	return out
}

// eachWord calls f with every normalised word of text and its span, without collecting them.
func eachWord(text string, f func(w string, start, end int)) {
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if w := normalize(text[start:i]); w != "" {
				f(w, start, i)
			}
			start = -1
		}
	}
	if start >= 0 {
		if w := normalize(text[start:]); w != "" {
			f(w, start, len(text))
		}
	}
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r) || isApostrophe(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// normalize lower-cases a word. Go lower-cases letter by letter and the browser with the full
// Unicode rules; they differ only for "İ" (Go "i", the browser "i̇") and a final sigma (Go "σ",
// the browser "ς"), so both sides fold those to "i" and "σ".
func normalize(w string) string {
	w = strings.ToLower(w) // returns w itself when it has no upper case
	plain := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || c == '\'' {
			plain = false
			break
		}
	}
	if plain {
		return w
	}
	if strings.ContainsAny(w, "\u0307ς") {
		w = strings.NewReplacer("i\u0307", "i", "ς", "σ").Replace(w)
	}
	if strings.ContainsAny(w, "'’") {
		w = strings.Map(func(r rune) rune {
			if isApostrophe(r) {
				return -1
			}
			return r
		}, w)
	}
	return w
}

// Words returns the normalised words of text, in order.
func Words(text string) []string {
	toks := Tokenize(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Word
	}
	return out
}

// Indexed reports whether a word goes into the index: not an English stop word, and at least two
// characters long unless it holds a digit ("5" in "5 steps" is kept, a stray "s" is not).
func Indexed(w string) bool {
	if utf8.RuneCountInString(w) < 2 && !strings.ContainsFunc(w, unicode.IsDigit) {
		return false
	}
	return !stopSet[w]
}

// Stem returns the Snowball (Porter2) English stem of a normalised word. Words that are not
// plain ASCII letters are kept as they are: the English rules would only damage them.
func Stem(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return w
		}
	}
	return english.Stem(w, false)
}

// StopWords lists the words Indexed leaves out, sorted, for the browser to drop from queries.
// They are the Snowball English stop words (english.IsStopWord), spelled out because the
// browser needs the list itself.
func StopWords() []string { return append([]string(nil), stopWords...) }

var stopWords = strings.Fields(`a about above after again against all am an and any are as at be
because been before being below between both but by can did do does doing don down during each
few for from further had has have having he her here hers herself him himself his how i if in into
is it its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own s same she should so some such t than that the their theirs them themselves
then there these they this those through to too under until up very was we were what when where
which while who whom why will with you your yours yourself yourselves`)

var stopSet = func() map[string]bool {
	m := make(map[string]bool, len(stopWords))
	for _, w := range stopWords {
		m[w] = true
	}
	return m
}()
