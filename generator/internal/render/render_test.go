package render

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/generator/internal/load"
	parse "github.com/cmplay/cmplay/generator/internal/pages"
	"github.com/cmplay/cmplay/generator/internal/site"
	"github.com/cmplay/cmplay/playbooks"
	"github.com/cmplay/cmplay/themes"
)

// assemble runs the parse and assemble stages over Markdown files given by path; each page's
// HTML stands in for the markdown stage's.
func assemble(t testing.TB, files map[string]string) *site.Site {
	t.Helper()
	var srcs []load.Source
	for f, data := range files {
		srcs = append(srcs, load.Source{File: f, Data: []byte(data)})
	}
	slices.SortFunc(srcs, func(a, b load.Source) int { return strings.Compare(a.File, b.File) })
	ps, diags := parse.Parse(srcs, false)
	for _, p := range ps {
		p.HTML = "<p>Body of " + p.File + ".</p>"
	}
	s := site.New(ps, nil)
	diags = append(diags, s.Assemble()...)
	if len(diags) > 0 {
		t.Fatalf("content: %v", diags)
	}
	return s
}

// defaultTheme is the embedded theme, parsed.
func defaultTheme(t testing.TB) *Theme {
	t.Helper()
	th, err := LoadTheme(themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// renderPage renders the page built from file with its neighbours in reading order.
func renderPage(t testing.TB, r *Renderer, s *site.Site, file string) string {
	t.Helper()
	i := slices.IndexFunc(s.Pages, func(p *playbooks.Page) bool { return p.File == file })
	if i < 0 {
		t.Fatalf("no page %s", file)
	}
	var prev, next *playbooks.Page
	if i > 0 {
		prev = s.Pages[i-1]
	}
	if i+1 < len(s.Pages) {
		next = s.Pages[i+1]
	}
	out, err := r.Page(s.Pages[i], prev, next)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return string(out)
}

var assetPaths = map[string]string{"main.css": "/assets/main.a1b2c3d4e5.css", "main.js": "/assets/main.a1b2c3d4e5.js", "theme.js": "/assets/theme.a1b2c3d4e5.js"}

// TestFrontMatterEscaped: a title, summary, tag or site title written to run script is shown as
// text on the page itself, on its neighbours, in listings and in the sidebar.
func TestFrontMatterEscaped(t *testing.T) {
	const hostile = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`
	const siteTitle = `<script>alert(3)</script>`
	s := assemble(t, map[string]string{
		"_index.md":       "# Home\n",
		"guide/_index.md": "---\ntitle: Guide\nweight: 1\n---\n",
		"guide/evil.md": "---\ntitle: '" + hostile + "'\nsummary: '" + hostile + "'\nweight: 1\nkind: practice\n" +
			"tags: ['" + hostile + "']\nauthors: ['" + hostile + "']\nroles: [lead]\n---\n",
		"guide/after.md": "---\ntitle: After\nweight: 2\nroles: [lead]\n---\n",
		"roles/lead.md":  "---\ntitle: '" + hostile + "'\nkind: role\n---\n",
	})
	r := New(defaultTheme(t), s, Config{Title: siteTitle, Language: "en", BaseURL: "/", BasePath: "/", Assets: assetPaths})
	outputs := map[string]string{}
	for _, f := range []string{"_index.md", "guide/_index.md", "guide/evil.md", "guide/after.md", "roles/lead.md"} {
		outputs[f] = renderPage(t, r, s, f)
	}
	listings := map[string]func() ([]byte, error){
		"kind practice": func() ([]byte, error) { return r.Kind(playbooks.KindPractice, 1) },
		"kind role":     func() ([]byte, error) { return r.Kind(playbooks.KindRole, 1) },
		"tags":          r.Tags,
		"tag":           func() ([]byte, error) { return r.Tag(hostile, 1) },
		"404":           r.NotFound,
	}
	for name, render := range listings {
		out, err := render()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		outputs[name] = string(out)
	}
	for name, out := range outputs {
		for _, bad := range []string{"<script>alert", "<img src=x", "onerror=alert(2)>"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: %q appears unescaped", name, bad)
			}
		}
		// Shown, not dropped: the site title on every page, the page's on all but two.
		if !strings.Contains(out, "&lt;script&gt;alert(3)&lt;/script&gt;") {
			t.Errorf("%s does not show the site title", name)
		}
		if name != "_index.md" && name != "404" && !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s does not show the hostile title as text", name)
		}
	}
}

// TestDateAndAuthorsShown: the date and authors other generators' front matter gives a page are
// shown under its title.
func TestDateAndAuthorsShown(t *testing.T) {
	s := assemble(t, map[string]string{
		"_index.md": "# Home\n",
		"post.md":   "---\ntitle: Welcome\ndate: 2024-03-01\nauthors: [Ada Lovelace, Grace Hopper]\n---\n",
		"plain.md":  "---\ntitle: Plain\n---\n",
	})
	r := New(defaultTheme(t), s, Config{Title: "Site", Language: "en", BaseURL: "/", BasePath: "/", Assets: assetPaths})
	post := renderPage(t, r, s, "post.md")
	for _, want := range []string{"<dt>Written by</dt><dd>Ada Lovelace, Grace Hopper</dd>", `<dt>Dated</dt><dd><time datetime="2024-03-01">1 March 2024</time></dd>`} {
		if !strings.Contains(post, want) {
			t.Errorf("the page does not show %s", want)
		}
	}
	if plain := renderPage(t, r, s, "plain.md"); strings.Contains(plain, "page-facts") {
		t.Error("a page without facts shows an empty list of them")
	}
}

// hrefs lists the href, src and content attributes of a page (content: the cmplay-root meta).
func hrefs(html string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?:href|src|content)="([^"]*)"`).FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestRelativeURLs: every link a page makes to the site is relative to the page, so the output
// works under any base path and from file://; only the 404 page, served at any address, links
// from the root of the base path.
func TestRelativeURLs(t *testing.T) {
	s := assemble(t, map[string]string{
		"_index.md":       "# Home\n",
		"guide/_index.md": "---\ntitle: Guide\nweight: 1\n---\n",
		"guide/setup.md":  "---\ntitle: Setup\nweight: 1\ntags: [ops]\n---\n",
		"guide/next.md":   "---\ntitle: Next\nweight: 2\n---\n",
	})
	th := defaultTheme(t)
	tests := []struct {
		name string
		cfg  Config
		want []string // attributes the setup page must have
		nf   []string // and the 404 page
	}{
		{"root", Config{BaseURL: "/", BasePath: "/"},
			[]string{"../../assets/main.a1b2c3d4e5.css", "../../", "../", "../next/", "../../tags/ops/"},
			[]string{"/assets/main.a1b2c3d4e5.css", "/"}},
		{"sub-path", Config{BaseURL: "https://example.org/playbook/", BasePath: "/playbook/"},
			[]string{"../../assets/main.a1b2c3d4e5.css", "../../", "../", "../next/", "../../tags/ops/", "https://example.org/playbook/guide/setup/"},
			[]string{"/playbook/assets/main.a1b2c3d4e5.css", "/playbook/"}},
		{"file URLs", Config{BaseURL: "/", BasePath: "/", FileURLs: true},
			[]string{"../../assets/main.a1b2c3d4e5.css", "../../index.html", "../index.html", "../next/index.html", "../../tags/ops/index.html"},
			[]string{"/assets/main.a1b2c3d4e5.css"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Assets = assetPaths
			r := New(th, s, tt.cfg)
			out := renderPage(t, r, s, "guide/setup.md")
			got := hrefs(out)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("no link %q on the page; links: %q", w, got)
				}
			}
			for _, u := range got {
				if strings.HasPrefix(u, "/") {
					t.Errorf("root-relative link %q on a page; it breaks under a sub-path and file://", u)
				}
			}
			nf, err := r.NotFound()
			if err != nil {
				t.Fatal(err)
			}
			got = hrefs(string(nf))
			for _, w := range tt.nf {
				if !slices.Contains(got, w) {
					t.Errorf("no link %q on the 404 page; links: %q", w, got)
				}
			}
			for _, u := range got {
				if strings.HasPrefix(u, "../") || strings.HasPrefix(u, "/") && !strings.HasPrefix(u, tt.cfg.BasePath) {
					t.Errorf("404 link %q is not under the base path %s", u, tt.cfg.BasePath)
				}
			}
		})
	}
}

// TestEditURL: the forge's edit address for GitHub and GitLab style repository URLs.
func TestEditURL(t *testing.T) {
	tests := []struct{ repo, branch, file, want string }{
		{"https://github.com/o/r", "", "content/a.md", "https://github.com/o/r/edit/main/content/a.md"},
		{"https://github.com/o/r.git", "trunk", "a.md", "https://github.com/o/r/edit/trunk/a.md"},
		{"https://github.com/o/r/", "dev", "x/y.md", "https://github.com/o/r/edit/dev/x/y.md"},
		{"https://gitlab.com/g/p", "main", "a.md", "https://gitlab.com/g/p/-/edit/main/a.md"},
		{"https://gitlab.example.org/g/p.git", "", "a.md", "https://gitlab.example.org/g/p/-/edit/main/a.md"},
	}
	for _, tt := range tests {
		if got := EditURL(tt.repo, tt.branch, tt.file); got != tt.want {
			t.Errorf("EditURL(%q, %q, %q) = %q, want %q", tt.repo, tt.branch, tt.file, got, tt.want)
		}
	}
	s := assemble(t, map[string]string{"guide/a.md": "# A\n"})
	for _, tt := range []struct{ base, want string }{
		{"", "https://github.com/o/r/edit/main/guide/a.md"},
		{"docs/", "https://github.com/o/r/edit/main/docs/guide/a.md"},
	} {
		r := New(defaultTheme(t), s, Config{BaseURL: "/", BasePath: "/", RepoURL: "https://github.com/o/r", EditBase: tt.base, Assets: assetPaths})
		if out := renderPage(t, r, s, "guide/a.md"); !strings.Contains(out, `href="`+tt.want+`"`) {
			t.Errorf("content under %q: no edit link to %s", tt.base, tt.want)
		}
	}
}
