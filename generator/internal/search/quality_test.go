package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// qualityQueries are the queries of the tiers' quality measure on generated sites
// (gencorpus.py's vocabulary): single words, whole and as prefixes, questions of two to four
// common words, a typo, exclusions and a phrase.
var qualityQueries = []string{"community", "community ", "escalate ", "moderator", "community manager", "forum moderator",
	"brand product support", "weekly report", "newsletter advocate", "mod", "esc", "moderatr", "forum -brand", "policy -review",
	"survey metric goal", "how do I escalate feedback", "trust", "onboarding partner", "daily outcome",
	"internal external social channel", `"community member"`}

// TestTierQualityOnSite measures, on a built site (CMPLAY_SEARCH_SITE=DIR, skipped without it),
// how many of the top 10 pages of an exact search a first search finds, for several budgets.
// bench/searchbytes -quality measures the same in Chromium, for the budget the site was built with.
func TestTierQualityOnSite(t *testing.T) {
	dir := os.Getenv("CMPLAY_SEARCH_SITE")
	if dir == "" {
		t.Skip("CMPLAY_SEARCH_SITE not set")
	}
	files := map[string][]byte{}
	err := filepath.WalkDir(filepath.Join(dir, "search"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	pages := func(rs []Result) []int {
		var out []int
		for _, r := range rs {
			if !r.Sub {
				out = append(out, r.Page)
			}
		}
		return out
	}
	for _, budget := range []int{0, 16 << 10, 32 << 10, 64 << 10, 128 << 10, 256 << 10} {
		s.m.Tune.TierBudget = budget
		common, want, same, sure, bytes := 0, 0, 0, 0, 0
		for _, q := range qualityQueries {
			exact := pages(s.Search(q, Filter{Limit: 10, Exact: true}))
			rs, out := s.Find(q, Filter{Limit: 10})
			got := pages(rs)
			want += len(exact)
			for _, p := range got {
				for _, e := range exact {
					if p == e {
						common++
					}
				}
			}
			if equalInts(got, exact) {
				same++
			}
			if out.Exact {
				sure++
			}
			bytes = max(bytes, out.Tiers)
		}
		t.Logf("budget %7d: top-10 agreement %.3f (%d/%d), same order %d/%d, certain %d, most tier files %d",
			budget, float64(common)/float64(want), common, want, same, len(qualityQueries), sure, bytes)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
