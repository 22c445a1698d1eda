package check

import (
	"fmt"
	"html"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/cmplay/cmplay/generator/internal/markdown"
	"github.com/cmplay/cmplay/generator/internal/site"
	"github.com/cmplay/cmplay/playbooks"
)

// Anchors reports links whose #fragment names no id on the page they point at. The ids of a
// page are those of its rendered HTML — heading anchors (markdown.Anchor of the heading text, or
// an {#id} the author wrote), checklist items ("task-<item id>"), footnotes, ids and <a name>
// anchors in raw HTML — so a fragment is valid exactly when the browser would find it, with
// case ignored as GitHub ignores it (the theme's script finds such a fragment's target). Links to missing pages are the build's broken-link, not reported again.
func Anchors(s *site.Site) playbooks.Diagnostics {
	var ds playbooks.Diagnostics
	ids := map[*playbooks.Page]map[string]bool{}
	idsOf := func(p *playbooks.Page) map[string]bool {
		if m, ok := ids[p]; ok {
			return m
		}
		m := pageIDs(p)
		ids[p] = m
		return m
	}
	for _, p := range s.Pages {
		for _, l := range p.Links {
			if l.Image {
				continue
			}
			target, frag, ok := resolve(s, p, l.Dest)
			if !ok || frag == "" || frag == "top" {
				continue
			}
			known := idsOf(target)
			if known[frag] || known[strings.ToLower(frag)] {
				continue
			}
			where := "this page"
			if target != p {
				where = target.File
			}
			fix := "link to an existing heading" + playbooks.Suggest(frag, slices.Sorted(maps.Keys(known))) + ", or add {#" + frag + "} to the heading you mean"
			if strings.HasPrefix(frag, "task-") {
				fix = "link to a checklist item as #task-<item id>" + playbooks.Suggest(frag, slices.Sorted(maps.Keys(known)))
			}
			ds = append(ds, playbooks.Diagnostic{File: p.File, Line: l.Line, Col: l.Col, Severity: playbooks.Error,
				Rule: "missing-anchor", Msg: fmt.Sprintf("link %q: %s has no heading or item with id %q", l.Dest, where, frag), Fix: fix})
		}
	}
	return ds
}

// idAttr finds the ids a page's HTML defines, and the names of <a name="…"> anchors, which
// browsers scroll to as well; quoted either way, or unquoted as raw HTML may have them.
var idAttr = regexp.MustCompile(`(?i)(?:\sid|<a\s[^>]*?\bname)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)

// pageIDs collects every id a page's HTML defines, with its headings' anchors, each also in
// lower case: a fragment matches case-insensitively, as on GitHub, whose headings' anchors are
// lower case while hand-written links often are not ("#Upgrade-Strategy").
func pageIDs(p *playbooks.Page) map[string]bool {
	m := map[string]bool{}
	add := func(id string) {
		m[id] = true
		m[strings.ToLower(id)] = true
	}
	for _, h := range p.Headings {
		add(h.ID)
	}
	for _, sub := range idAttr.FindAllStringSubmatch(p.HTML, -1) {
		add(html.UnescapeString(sub[1] + sub[2] + sub[3]))
	}
	return m
}

// resolve finds the page a link in p points at, the way the markdown stage rewrites it, and the
// link's unescaped fragment. ok is false for links to other sites, static files and missing pages.
func resolve(s *site.Site, p *playbooks.Page, dest string) (*playbooks.Page, string, bool) {
	raw, frag, _ := strings.Cut(dest, "#")
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	if raw == "" {
		return p, frag, true
	}
	target, _, ok := markdown.LinkTarget(p.Dir(), raw)
	if !ok {
		return nil, "", false
	}
	if ext := strings.ToLower(path.Ext(target)); ext != ".md" && ext != "" {
		return nil, "", false
	}
	u, ok := s.PageURL(target)
	if !ok {
		return nil, "", false
	}
	t, ok := s.ByURL[u]
	return t, frag, ok
}
