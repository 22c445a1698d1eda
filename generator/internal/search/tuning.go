package search

// Tuning holds every number and word list the query engine weighs results by. The build writes
// it into the manifest, and both searchers (Searcher here and search-core.js in the browser)
// read it from there, so the two can never disagree about a weight or a limit.
type Tuning struct {
	Exact    float64 `json:"exact"`    // a query word found as written, or as another form of its stem
	Prefix   float64 `json:"prefix"`   // a word the last query word begins, while it is being typed
	Typo     float64 `json:"typo"`     // a word one edit away, or found by cutting a common ending
	Related  float64 `json:"related"`  // a stem of the same family in the site's vocabulary (angry, anger)
	Synonym  float64 `json:"synonym"`  // a word or phrase the site declares a synonym of the query word
	Coverage float64 `json:"coverage"` // score added per query word matched, above any BM25F sum
	Prox     float64 `json:"prox"`     // proximity boost: the score grows by up to this share when the words stand together

	MaxExpand  int `json:"maxExpand"`  // stems a prefix may expand to, the most frequent first
	TypoMinLen int `json:"typoMinLen"` // words at least this long may have one typo
	PerPage    int `json:"perPage"`    // results shown from one page: the best, and the rest under it
	MaxChecked int `json:"maxChecked"` // documents checked against page text (phrases, open items) per search
	Suggest    int `json:"suggest"`    // words suggested for a query word no page has
	// TierCap is the most postings of a stem kept in its dictionary chunk, whole pages at a
	// time (tiers.go); the rest are in tier files a search loads only when it needs them.
	// 0 keeps every posting in the chunk.
	TierCap int `json:"tierCap"`
	// TierBudget is the most bytes of postings a search loads from tier files to make its
	// results certain (tiers.go) before it answers from what it has.
	TierBudget int `json:"tierBudget"`

	Endings []string `json:"endings"` // cut from a word the site never uses, longest first
}

// DefaultTuning is what every build writes. Coverage is far above any BM25F sum (a stored score
// is at most a few hundred), so results that match more of the query's words always come first;
// among those, the BM25F scores decide.
var DefaultTuning = Tuning{
	Exact: 1, Prefix: 0.8, Typo: 0.6, Related: 0.7, Synonym: 0.9, Coverage: 1e6, Prox: 0.25,
	MaxExpand: 64, TypoMinLen: 5, PerPage: 4, MaxChecked: 2000, Suggest: 3, TierCap: 512, TierBudget: 64 << 10,
	Endings: []string{"ational", "ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ness",
		"ies", "ied", "ial", "al", "ers", "er", "es", "ed", "ly", "s", "e", "y"},
}
