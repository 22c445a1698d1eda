// Package search is the index stage. At build time it makes the full-text index of a playbook.
// The theme's search-core.js loads that index piece by piece in the reader's browser and answers
// queries from it, with no server. The Go Searcher in this package answers the same queries from
// the same files, so the ranking and the file format can be tested in Go.
//
// # Documents
//
// A search result is a document. Each page gives, in this order: its intro (the title, the
// summary written in the front matter, the tags, and the text before the first heading), one
// document per section (Page.Sections: a heading and the text under it), and one document per
// checklist item. Documents are numbered across the site, page after page, so the documents of
// one page form a range of numbers.
//
// # Words and stems
//
// Tokenize splits text at anything that is not a letter, a combining mark, a decimal digit or an
// apostrophe. It lower-cases each word and drops its apostrophes. search-core.js does exactly the
// same, and a browser test compares the two on the text of every shipped page. Stop words, and
// words of one letter with no digit in them, are not indexed. Every other word is stemmed with
// Snowball English (Porter2). Postings belong to stems, so "escalate", "escalation" and
// "escalating" share one list.
//
// The browser never stems. The dictionary lists each surface word (the word as written in the
// text) together with its stem. A query word that is found there reaches its stem. A prefix
// reaches the stems of every word it begins. Failing both, a word of five letters or more reaches
// the words one edit away (Damerau): first among the words sharing its first two letters, then
// among those sharing its first letter. Failing that too, it reaches the words that begin with
// the word minus a common ending ("escalation" → "escal…").
//
// # Ranking
//
// The scoring is BM25F (k1 = 1.2, b = 0.75). Field frequencies are normalised by the field's
// length, boosted (title 8, heading 4, summary and tags 2, item 2, body 1, and the page title on a
// section or item 1), and summed before the saturation. The whole (stem, document) score is
// computed at build time and stored in the postings as an integer, score × 10. A section made only
// of links to other pages ("Related pages") is indexed by its heading alone (siteInfo.linkOnly).
//
// A query word reaches stems (Searcher.expand): its own and, weighed Tuning.Related, the other
// stems of its family (familyKey: "angry" and "anger"); as a prefix, the words it begins; failing
// those, words one typo away or beginning with the word less a common ending. It also reaches the
// words of its synonyms (Input.Synonyms, from cmplay.toml). Each word scores a document with the
// best weighted score it reaches there (termMatch). A document's rank is Tuning.Coverage for each
// query word it matches, plus the sum of the words' scores, so a result with more of the words
// always comes first (rank). The results chosen, grouped by page up to Tuning.PerPage each, are
// then ordered again with a proximity boost (closeness) within their coverage. Quoted phrases are
// checked against the text; -words remove the documents they occur in.
//
// # Tiers
//
// A stem's postings are cut into tiers of whole pages, the pages where the stem scores best
// first (tiers.go): the first tier, up to Tuning.TierCap postings, is in the dictionary chunk;
// each later tier, TierGrowth times larger than the one before, is a file of its own. A search
// ranks from the first tiers, then loads further tiers while its results are not certain
// (Searcher.certain: the pages chosen have all their postings loaded, and no document can pass
// the last of them given the highest score each word's unloaded tiers hold), within
// Tuning.TierBudget bytes of tier files; past the budget it answers from what it has, and
// Outcome.Exact says so. Filter.Exact loads all the tiers certainty needs. An excluded word's
// tiers are all loaded. A site whose lists all fit in the first tier (the shipped playbook)
// has no tier file and ranks as an index without tiers.
//
// Every weight and limit is in Tuning, written into the manifest; the Go Searcher and
// search-core.js both read it from there, so neither keeps a copy. Missing explains an empty
// result with the site's nearest words.
//
// # Files
//
// Index.Files returns the files the browser loads, by site path. Each file is a script that calls
// window.__cmplaySearch.<kind>(n, data). A page can load such a file as a <script> element: that
// works from file:// and under any sub-path, where fetch does not.
//
//	search/index.js          m: the manifest: stop words, the first word of each chunk, the
//	                            number of documents of each page as variable-length numbers,
//	                            the Tuning ("tune") and the synonyms ("syn")
//	search/<hash>/c<N>.js    c: chunk N of the dictionary: sorted words, the stem of each (an
//	                            index into the chunk's postings), the postings of each stem,
//	                            and the families of stems ("f")
//	search/<hash>/p<N>.js    p: page N: URL, title, kind, roles, breadcrumb, sections [anchor, heading,
//	                            text], and items [id, text, section anchor, ticked by default]
//	search/<hash>/f.js       f: the kind and roles of every page, for the filters
//	search/<hash>/t<N>.js    t: tier N: the postings of one tier after the first of one stem
//	                            (the chunk's "t" names the stems with tiers, see tail)
//
// A chunk holds about Input.ChunkBytes of words and postings, and all the words of one stem, and
// the stems of one family, stay in one chunk. The postings of a stem are pairs of variable-length numbers: the document number
// minus the previous one, then the score × 2, plus 1 when the document is a checklist item. Each
// number is written in base 32, most significant digit first, one character per digit. The
// characters of digits64[32:] mean that more digits follow. <hash> is taken from the content of
// the files, so a new build never mixes with files a browser cached from an old one.
// search/index.js keeps one name, so a page does not have to be rendered again when only the
// index changed.
package search
