package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/generator/site"
	"github.com/cmplay/cmplay/internal/sitetest"
	"github.com/cmplay/cmplay/playbooks"
)

// TestShippedPlaybook holds the shipped playbook to what issue 8 promises a new hire.
func TestShippedPlaybook(t *testing.T) {
	t.Parallel()
	_, res := shipped(t, "/")
	for _, d := range res.Diagnostics {
		t.Errorf("shipped playbook: %s", d)
	}
	s := res.Site
	if n := len(s.Roles); n < 15 {
		t.Errorf("%d role pages, want at least 15", n)
	}
	if res.Items < 150 {
		t.Errorf("%d checklist items, want at least 150", res.Items)
	}
	for _, p := range s.Pages {
		if p.Owner == "" || p.ReviewBy.IsZero() {
			t.Errorf("%s: every page needs an owner and a review_by date", p.File)
		}
	}

	// Every role page is linked from at least one checklist or framework.
	linked := map[string]bool{}
	for _, p := range s.Pages {
		if p.Kind != playbooks.KindChecklist && p.Kind != playbooks.KindFramework {
			continue
		}
		for _, l := range p.Links {
			linked[resolveLink(s, p, l.Dest)] = true
		}
	}
	for slug, rp := range s.Roles {
		if !linked[rp.File] {
			t.Errorf("role %s (%s) is not linked from any checklist or framework", slug, rp.File)
		}
	}

	// The onboarding plan has all five phases, each with a due offset.
	plan := s.ByFile["onboarding/first-90-days.md"]
	if plan == nil {
		t.Fatal("no onboarding/first-90-days.md")
	}
	var dues []string
	for _, h := range plan.Headings {
		if h.Due != "" {
			dues = append(dues, h.Due)
		}
	}
	if strings.Join(dues, ",") != "day 1,week 1,day 30,day 60,day 90" {
		t.Errorf("onboarding phases = %v, want day 1, week 1, day 30, day 60, day 90", dues)
	}

	// All thirteen responsibilities of the first framework are there.
	resp := s.ByFile["frameworks/responsibilities-and-goals.md"]
	h2 := 0
	for _, h := range resp.Headings {
		if h.Level == 2 {
			h2++
		}
	}
	if h2 < 13 {
		t.Errorf("responsibilities framework has %d sections, want the 13 responsibilities", h2)
	}

	// Recurring practices reset daily and weekly.
	for file, want := range map[string]playbooks.Cadence{"practices/daily-practices.md": playbooks.CadenceDaily, "practices/weekly-practices.md": playbooks.CadenceWeekly} {
		if p := s.ByFile[file]; p == nil || p.Cadence != want {
			t.Errorf("%s: cadence should be %s", file, want)
		}
	}
}

func resolveLink(s *site.Site, from *playbooks.Page, dest string) string {
	dest, _, _ = strings.Cut(dest, "#")
	target := filepath.ToSlash(filepath.Join(from.Dir(), dest))
	if p, ok := s.ByFile[target]; ok {
		return p.File
	}
	if p, ok := s.ByFile[target+"/_index.md"]; ok {
		return p.File
	}
	return target
}

var wordRe = regexp.MustCompile(`[\p{L}\p{N}']+`)

// TestShippedPlaybookIsOriginal checks that no run of eight words in content/ is copied from the
// source documents in ../shared/seeds (beside the repository, not in it: they may not be
// published): the facts carry over, the sentences are ours.
func TestShippedPlaybookIsOriginal(t *testing.T) {
	t.Parallel()
	seeds, _ := filepath.Glob(filepath.Join(sitetest.Shared(t, "seeds"), "*.txt"))
	if len(seeds) == 0 {
		t.Fatal("../shared/seeds holds no .txt seed documents")
	}
	const n = 8
	shingles := map[string]string{}
	for _, f := range seeds {
		data, _ := os.ReadFile(f)
		words := normWords(string(data))
		for i := 0; i+n <= len(words); i++ {
			shingles[strings.Join(words[i:i+n], " ")] = filepath.Base(f)
		}
	}
	err := filepath.WalkDir(filepath.Join(sitetest.Root(t), "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, _ := os.ReadFile(p)
		words := normWords(string(data))
		for i := 0; i+n <= len(words); i++ {
			if seed, ok := shingles[strings.Join(words[i:i+n], " ")]; ok {
				t.Errorf("%s copies eight words from %s: %q", p, seed, strings.Join(words[i:i+n], " "))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func normWords(s string) []string {
	s = strings.NewReplacer("’", "'", "‘", "'").Replace(strings.ToLower(s))
	return wordRe.FindAllString(s, -1)
}
