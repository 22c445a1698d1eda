package generator

import (
	"regexp"
	"strings"
	"testing"
)

// TestSitemapAndFeedAddresses: with a base URL the sitemap lists absolute addresses with the
// date of each page's last commit and pages carry a canonical link; without one, each site's
// feed still has an id of its own.
func TestSitemapAndFeedAddresses(t *testing.T) {
	s := newSiteRepo(t)
	policyHistory(s)
	_, mem := s.build(s.dir)
	sitemap := file(t, mem, "sitemap.xml")
	for _, want := range []string{
		"<loc>https://intranet.example/policy/escalation/</loc>\n    <lastmod>2026-10-04</lastmod>",
		"<loc>https://intranet.example/policy/</loc>\n    <lastmod>2026-10-07</lastmod>",
	} {
		if !strings.Contains(sitemap, want) {
			t.Errorf("sitemap lacks %q:\n%s", want, sitemap)
		}
	}
	if page := file(t, mem, "escalation/index.html"); !strings.Contains(page, `<link rel="canonical" href="https://intranet.example/policy/escalation/">`) {
		t.Error("the page has no canonical link")
	}

	feedID := regexp.MustCompile(`<id>([^<]*)</id>`)
	ids := map[string]bool{}
	for _, title := range []string{"Policy", "Support handbook"} {
		s.write("cmplay.toml", "title = \""+title+"\"\n")
		_, mem := s.build(s.dir)
		m := feedID.FindStringSubmatch(file(t, mem, "changelog.xml"))
		if m == nil || !strings.HasPrefix(m[1], "urn:cmplay:changelog:") {
			t.Fatalf("feed id without a base URL: %v", m)
		}
		ids[m[1]] = true
		if sm := file(t, mem, "sitemap.xml"); !strings.Contains(sm, "<loc>/escalation/</loc>") || !strings.Contains(sm, "<lastmod>2026-10-04</lastmod>") {
			t.Errorf("sitemap without a base URL:\n%s", sm)
		}
	}
	if len(ids) != 2 {
		t.Errorf("two sites share the feed id %v", ids)
	}
}

// TestHistoryNamesPROnce: a squash merge's "(#47)" is shown once, with or without repo_url.
func TestHistoryNamesPROnce(t *testing.T) {
	s := newSiteRepo(t)
	s.write("cmplay.toml", "title = \"Policy\"\n")
	s.write("content/escalation.md", "---\ntitle: Escalation\n---\nEscalate within a day.\n")
	s.commit("Escalate faster (#47)", "Grace Hopper")
	s.write("content/escalation.md", "---\ntitle: Escalation\n---\nEscalate within an hour.\n")
	s.commit("Merge pull request #48 from acme/faster", "Ada Lovelace")
	_, mem := s.build(s.dir)
	page := file(t, mem, "escalation/index.html")
	for _, want := range []string{"Escalate faster (#47)", "Merge pull request #48 from acme/faster"} {
		if strings.Count(page, want) < 1 || strings.Count(page, "#47") != strings.Count(page, "Escalate faster (#47)") || strings.Contains(page, "(#48)") {
			t.Errorf("page history names a PR more than once (want %q once per line):\n%s", want, historyBlock.FindString(page))
		}
	}
	s.write("cmplay.toml", "title = \"Policy\"\nrepo_url = \"https://github.com/acme/policy\"\n")
	_, mem = s.build(s.dir)
	if page := file(t, mem, "escalation/index.html"); strings.Contains(page, "(#47)</a> (") || !strings.Contains(page, `(<a href="https://github.com/acme/policy/pull/47">#47</a>)`) {
		t.Errorf("with repo_url, the PR is not shown once as a link:\n%s", historyBlock.FindString(page))
	}
}
