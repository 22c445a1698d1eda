package generator

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cmplay/cmplay/generator/internal/history"
	"github.com/cmplay/cmplay/playbooks"
)

// relocate moves each page whose URL cmplay generates itself (a root CHANGELOG.md on
// /changelog/, a page at /search/ or /progress/) to the first free URL beside it —
// "/changelog-1/" — with a warning naming both, instead of leaving it out: a handbook brought
// from elsewhere keeps every page. It runs after assembly, before the markdown stage, so links
// to the page are rewritten to where it is built. The changelog is reserved whether or not the
// site is a git repository, so a page's URL does not depend on where it is built; what only the
// later steps know (the history pages) is still checked by reserve.
func (b *build) relocate() {
	t := append(b.generatedTable(), Generated{URL: history.ChangelogURL(1), Page: "changelog", Number: 1})
	res := newReservation(t)
	var ds playbooks.Diagnostics
	for _, p := range b.site.Pages {
		what, ok := res.taken(p.URL)
		if !ok || !strings.HasSuffix(what, "/") {
			continue // a page below a generated file (/favicon.svg/) stays an error of reserve
		}
		free := ""
		for n := 1; free == "" && n < 1000; n++ {
			u := strings.TrimSuffix(what, "/") + "-" + strconv.Itoa(n) + "/" + strings.TrimPrefix(p.URL, what)
			if _, taken := res.taken(u); !taken && b.site.ByURL[u] == nil {
				free = u
			}
		}
		if free == "" {
			continue
		}
		msg := fmt.Sprintf("%s is cmplay's own page", p.URL)
		if what != p.URL {
			msg = fmt.Sprintf("%s is below %s, which is cmplay's own", p.URL, what)
		}
		ds = append(ds, playbooks.Diagnostic{File: p.File, Line: 1, Col: 1, Severity: playbooks.Warning, Rule: "reserved-url",
			Msg: msg + "; this page is built at " + free + " instead",
			Fix: "rename the file, or give the page its URL with permalink in its front matter"})
		b.site.Move(p, free)
	}
	b.report(prefixFiles(ds, b.cfg.ContentDir))
}
