package generator

import (
	"fmt"
	"hash/maphash"
	"maps"
	"slices"
	"strings"
	"sync"
)

// keys are the fingerprints one build's cache lookups share (see Session for what each
// covers). Each is computed once, on first use, so a one-off build, whose nil cache asks for
// none, computes none.
type keys struct {
	resolverOnce, shapeOnce, configOnce sync.Once
	resolverKey, shapeKey, configKey    uint64
}

// hash starts a hash with the session's seed.
func (b *build) hash() *maphash.Hash {
	h := new(maphash.Hash)
	h.SetSeed(b.cache.seed)
	return h
}

// resolver fingerprints what link rewriting asks of the site: every page's file and URL and
// every static file, and the options the Markdown renderer was made with.
func (b *build) resolver() uint64 {
	b.keys.resolverOnce.Do(func() {
		h := b.hash()
		for _, f := range slices.Sorted(maps.Keys(b.site.ByFile)) {
			p := b.site.ByFile[f]
			fmt.Fprintf(h, "%s\x00%s\x00%t\x00", f, p.URL, p.IsIndex)
		}
		for _, s := range b.loaded.Static {
			h.WriteString(s.File)
			h.WriteByte(0)
		}
		// The theme's ids are anchors a heading may not take: a theme edit that adds one changes
		// the anchors of the pages whose headings would have taken it.
		fmt.Fprintf(h, "%t%t%q", b.cfg.UnsafeHTML, b.fileURLs, themeIDs(b.theme))
		b.keys.resolverKey = h.Sum64()
	})
	return b.keys.resolverKey
}

// shape fingerprints what a page's HTML shows of other pages (see Session).
func (b *build) shape() uint64 {
	b.keys.shapeOnce.Do(func() {
		h := b.hash()
		for _, p := range b.site.Pages {
			fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%d\x00%t\x00%q\x00%q\x00%d\x00%d\x00",
				p.File, p.URL, p.Title, p.Summary, p.Kind, p.Weight, p.IsIndex, p.Roles, p.Tags, len(p.Items), len(p.History))
			if len(p.History) > 0 {
				h.WriteString(p.History[0].Hash)
			}
			fmt.Fprintf(h, "\x00%s\x00", p.NavTitle) // the sidebar's title, from linkTitle or an outline
		}
		for _, d := range slices.Sorted(maps.Keys(b.site.FolderTitles)) {
			fmt.Fprintf(h, "%s\x00%s\x00", d, b.site.FolderTitles[d])
		}
		b.keys.shapeKey = h.Sum64()
	})
	return b.keys.shapeKey
}

// config fingerprints the renderer's configuration (render.Config.WriteKey names every field
// and a test holds it to that), the parsed theme and the build's options that change pages.
func (b *build) config() uint64 {
	b.keys.configOnce.Do(func() {
		h := b.hash()
		b.rc.WriteKey(h)
		fmt.Fprintf(h, "\x00%p\x00%t", b.cache.theme, b.cfg.Drafts)
		b.keys.configKey = h.Sum64()
	})
	return b.keys.configKey
}

// pageKey is the key of a page's finished HTML: the configuration, the site's shape, the
// resolver and the page's own file. 0 (do not keep) when the parse step did not see the file.
func (b *build) pageKey(file, url string) func() uint64 {
	return func() uint64 {
		src := b.cache.fileHash(file)
		if src == 0 {
			return 0
		}
		h := b.hash()
		fmt.Fprintf(h, "%d\x00%d\x00%d\x00%d\x00%d\x00%s", b.config(), b.shape(), b.resolver(), src, b.includeKey(file), file)
		if url == "/" { // the start page loads the checklist manifest by its hashed name
			fmt.Fprintf(h, "\x00%s", b.rc.Manifest)
		}
		return h.Sum64()
	}
}

// listingKey is the key of a generated listing (kinds, tags, 404): listings show only the
// site's shape and the renderer's configuration. 0 (always render) for other generated pages.
func (b *build) listingKey(url string) func() uint64 {
	return func() uint64 {
		if !strings.HasPrefix(url, "/kinds/") && !strings.HasPrefix(url, "/tags/") && url != "/404.html" {
			return 0
		}
		return b.config() ^ b.shape()*31
	}
}
