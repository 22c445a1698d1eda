package generator

import (
	"io/fs"
	"regexp"
	"sort"
	"strings"
)

// literalID matches an id attribute written out in a template, not computed by it.
var literalID = regexp.MustCompile(`\bid="([A-Za-z][\w-]*)"`)

// themeIDs lists the element ids the theme's templates write literally. Headings in content never
// take one of them (markdown.Options.ReservedIDs), so the theme's script finds its own element
// when it looks one up by id.
func themeIDs(theme fs.FS) []string {
	seen := map[string]bool{}
	_ = fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return nil
		}
		for _, m := range literalID.FindAllSubmatch(data, -1) {
			seen[string(m[1])] = true
		}
		return nil
	})
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
