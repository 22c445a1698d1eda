package history

import (
	"fmt"
	"io"
	"maps"
	"slices"
)

// WriteKey writes what a page's HTML shows of the site's history beyond the page's own commits,
// for a cache of rendered pages to key them by: the head commit, the size of the log, the forge
// its links point to and the pages with uncommitted edits.
func (s *Site) WriteKey(w io.Writer) {
	fmt.Fprintf(w, "history %s %d %q %q\x00", s.Log.Head, len(s.Log.Commits), s.Forge.RepoURL, slices.Sorted(maps.Keys(s.Uncommitted)))
}
