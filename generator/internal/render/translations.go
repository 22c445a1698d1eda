package render

import (
	"slices"
	"strings"

	"github.com/cmplay/cmplay/playbooks"
)

// translations are the links from a page to its other languages: from an original to each of its
// translations, from a translation to the original and the other translations; in file order.
func (r *Renderer) translations(d *Data, p *playbooks.Page) []Link {
	orig := p
	if p.TranslationOf != "" {
		orig = r.site.ByFile[p.TranslationOf]
	}
	if orig == nil {
		return nil
	}
	family := append([]*playbooks.Page{orig}, r.byOriginal()[orig.File]...)
	if len(family) == 1 {
		return nil
	}
	var out []Link
	for _, t := range family {
		if t == p {
			continue
		}
		lang := t.Language
		if lang == "" {
			lang = r.cfg.Language
		}
		out = append(out, Link{Title: t.Title, URL: d.Rel(t.URL), Lang: lang})
	}
	return out
}

// byOriginal maps each original page's file to its translations, sorted by file, and fills the
// reading order without translations; made once.
func (r *Renderer) byOriginal() map[string][]*playbooks.Page {
	r.transOnce.Do(func() {
		r.trans = map[string][]*playbooks.Page{}
		r.order = map[*playbooks.Page]int{}
		for _, p := range r.site.Pages {
			if p.TranslationOf != "" {
				r.trans[p.TranslationOf] = append(r.trans[p.TranslationOf], p)
				continue
			}
			r.order[p] = len(r.originals)
			r.originals = append(r.originals, p)
		}
		for _, ts := range r.trans {
			slices.SortFunc(ts, func(a, b *playbooks.Page) int { return strings.Compare(a.File, b.File) })
		}
	})
	return r.trans
}

// readingNeighbours are the previous and next pages of p in reading order, leaving translations
// out: a reader of the original goes on to the next page in the same language, and a translation
// is outside the reading order (it links to its original instead).
func (r *Renderer) readingNeighbours(p, prev, next *playbooks.Page) (*playbooks.Page, *playbooks.Page) {
	if p.TranslationOf != "" {
		return nil, nil
	}
	if (prev == nil || prev.TranslationOf == "") && (next == nil || next.TranslationOf == "") {
		return prev, next
	}
	r.byOriginal()
	i, ok := r.order[p]
	if !ok {
		return prev, next
	}
	prev, next = nil, nil
	if i > 0 {
		prev = r.originals[i-1]
	}
	if i+1 < len(r.originals) {
		next = r.originals[i+1]
	}
	return prev, next
}
