package render

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/cmplay/cmplay/generator/internal/history"
	"github.com/cmplay/cmplay/playbooks"
)

// HistoryView is what the theme's templates ask of the site's git history (.Site.History):
// a page's commits, the full history page of a URL and the changelog's pages. The history stage's
// *history.Site is the one implementation; templates may also read its fields (Log, Forge).
type HistoryView interface {
	For(p *playbooks.Page) *history.PageView
	ForURL(historyURL string) *history.PageView
	ChangelogPages() int
	Changelog(k int) []history.Month
	// WriteKey writes what pages show of the history beyond their own commits (see
	// Config.WriteKey).
	WriteKey(w io.Writer)
}

// WriteKey writes to w every field of c that a rendered page shows, so that a cache of rendered
// pages can key them by it. Manifest is left out on purpose: only the start page shows it and
// it changes with every checklist edit, so the caller adds it to that one page's key. A field
// added to Config must be written here too: TestConfigKeyCoversEveryField fails until it is.
func (c Config) WriteKey(w io.Writer) {
	fmt.Fprintf(w, "%q %q %q %q %t %q %q %q\x00", c.Title, c.Language, c.BaseURL, c.BasePath, c.FileURLs, c.RepoURL, c.EditBase, c.Branch)
	for _, k := range slices.Sorted(maps.Keys(c.Assets)) {
		fmt.Fprintf(w, "%q=%q ", k, c.Assets[k])
	}
	fmt.Fprint(w, "\x00")
	if c.History != nil {
		c.History.WriteKey(w)
	}
	fmt.Fprintf(w, "\x00%q\x00%q\x00%t", c.Head, c.Foot, c.Progress)
}
