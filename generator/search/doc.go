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
// computed at build time and stored in the postings as an integer, score × 10. A query adds up,
// over its words, the best score each word reaches in a document. A word reached through a prefix
// counts 0.8 of its score, and through a typo or a cut ending 0.6. Every word must match; when no
// document matches them all, documents matching any of them are ranked instead. Quoted phrases
// are checked against the text. -words remove the documents they occur in. At most three results
// come from one page.
//
// # Files
//
// Index.Files returns the files the browser loads, by site path. Each file is a script that calls
// window.__cmplaySearch.<kind>(n, data). A page can load such a file as a <script> element: that
// works from file:// and under any sub-path, where fetch does not.
//
//	search/index.js          m: the manifest: stop words, the first word of each chunk, and the
//	                            number of documents of each page, as variable-length numbers
//	search/<hash>/c<N>.js    c: chunk N of the dictionary: sorted words, the stem of each (an
//	                            index into the chunk's postings), and the postings of each stem
//	search/<hash>/p<N>.js    p: page N: URL, title, kind, roles, sections [anchor, heading,
//	                            text], and items [id, text, section anchor, ticked by default]
//	search/<hash>/f.js       f: the kind and roles of every page, for the filters
//
// A chunk holds about Input.ChunkBytes of words and postings, and all the words of one stem stay in
// one chunk. The postings of a stem are pairs of variable-length numbers: the document number
// minus the previous one, then the score × 2, plus 1 when the document is a checklist item. Each
// number is written in base 32, most significant digit first, one character per digit. The
// characters of digits64[32:] mean that more digits follow. <hash> is taken from the content of
// the files, so a new build never mixes with files a browser cached from an old one.
// search/index.js keeps one name, so a page does not have to be rendered again when only the
// index changed.
package search
