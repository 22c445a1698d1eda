package checklist

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// slugWords and slugLen bound the readable part of an automatic id: the first words of the
// item, so rewording the end of a long item keeps its id (and the reader's tick, flagged as
// changed) while rewording its start makes a new item.
const (
	slugWords = 6
	slugLen   = 48
)

// pinnedRe matches a trailing "{#id}" at the end of an item's last line.
var pinnedRe = regexp.MustCompile(`[ \t]*\{#([^{}\s]*)\}[ \t]*$`)

// validID is what an author may pin: letters, digits and . _ : - /, starting with a letter or
// digit. Slashes are allowed so an author can pin the automatic id ("page/words") an item had
// before it was reworded, which keeps readers' ticks; `cmplay check --base` suggests exactly that.
var validID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:/-]*$`)

// Normalize is the form of an item's text that its hash covers: lower case, letters and digits
// only, one space between words. Changing case, punctuation or spacing does not count as a
// rewording; changing a word does.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// Hash is the hash of an item's normalised text: 8 hex digits, enough to notice a rewording.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(Normalize(text)))
	return hex.EncodeToString(sum[:4])
}

// Slug is the readable part of an automatic id: the first words of the item in lower-case
// letters and digits, words joined by one dash (unlike heading anchors, which follow
// GitHub), at most slugWords words and slugLen bytes. It never changes: ticks are kept by these ids.
func Slug(text string) string {
	var b, word strings.Builder
	b.Grow(slugLen)
	word.Grow(slugLen)
	words := 0
	flush := func() bool {
		if word.Len() == 0 {
			return true
		}
		if words == slugWords || (b.Len() > 0 && b.Len()+1+word.Len() > slugLen) {
			return false
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(word.String())
		word.Reset()
		words++
		return true
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			word.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-':
			if !flush() {
				return b.String()
			}
		}
	}
	flush()
	if b.Len() == 0 {
		return "item"
	}
	return b.String()
}

// PageKey is the prefix of a page's automatic ids: its URL path without the outer slashes
// ("onboarding/first-90-days"), "home" for the site's start page.
func PageKey(url string) string {
	k := strings.Trim(url, "/")
	if k == "" {
		return "home"
	}
	return k
}

// assignIDs gives every item without a pinned id an automatic one: "<page key>/<slug>". Items on
// one page whose slugs are equal are told apart by their section ("<page>/<section>/<slug>"),
// and only when that is not enough by a number counted in document order ("…-2"). An item's id
// therefore depends on its own words (and, for look-alikes, its section), never on its position
// among other items.
func assignIDs(page string, items []*Item) {
	count := map[string]int{}
	slugs := make([]string, len(items))
	for i, it := range items {
		if !it.Pinned {
			slugs[i] = Slug(it.Words)
			count[slugs[i]]++
		}
	}
	taken := map[string]bool{}
	for i, it := range items {
		if it.Pinned {
			continue
		}
		slug := slugs[i]
		id := page + "/" + slug
		if count[slug] > 1 && it.SectionKey != "" {
			id = page + "/" + it.SectionKey + "/" + slug
		}
		it.ID = id
		for n := 2; taken[it.ID]; n++ {
			it.ID = id + "-" + strconv.Itoa(n)
		}
		taken[it.ID] = true
	}
}
