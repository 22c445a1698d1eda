package search

import "strings"

// Stems of one family are forms of a word that the Snowball stemmer leaves apart but a reader
// means as one: "angry" (angri) and "anger", "strategy" and "strategist", "member" and
// "membership". Two stems are of one family when they have the same familyKey; families are
// made only from stems the site uses, so a family never reaches a word no page has. A query
// word found in the index also reaches the other stems of its family, weighed Tuning.Related.

// familySuffixes are derivational endings left on a Snowball stem; a stem keeps at least six
// letters when one is cut, so short words ("lead" and "leader") are not joined.
var familySuffixes = []string{"ship", "ist", "ism", "or"}

// familyKey returns the key a stem's family is known by: the stem without a derivational
// ending, with "…ri" (angri, from angry) and "…er" (anger) after a consonant both written "…r",
// and a final "i" (the stemmer's y) cut from a long stem.
// Stems that are not plain ASCII letters are their own family.
func familyKey(st string) string {
	for i := 0; i < len(st); i++ {
		if c := st[i]; c < 'a' || c > 'z' {
			return st
		}
	}
	for _, suf := range familySuffixes {
		if strings.HasSuffix(st, suf) && len(st)-len(suf) >= 6 {
			st = st[:len(st)-len(suf)]
			break
		}
	}
	n := len(st)
	switch {
	case n >= 5 && strings.HasSuffix(st, "ri") && consonant(st[n-3]):
		return st[:n-1]
	case n >= 5 && strings.HasSuffix(st, "er") && consonant(st[n-3]):
		return st[:n-2] + "r"
	case n >= 7 && st[n-1] == 'i' && consonant(st[n-2]):
		return st[:n-1] // strategi (strategy), next to strateg (strategist)
	}
	return st
}

func consonant(c byte) bool { return c >= 'a' && c <= 'z' && !strings.ContainsRune("aeiouy", rune(c)) }
