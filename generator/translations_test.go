package generator

import (
	"github.com/cmplay/cmplay/internal/sitetest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTranslations: guide.fr.md beside guide.md is the French translation of guide.md: its page
// is in French, it is not listed beside the original in the sidebar, each links to the other, and
// its links to pages with a French translation lead to the translation.
func TestTranslations(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"content/_index.md":          "# Home\n",
		"content/guide/_index.md":    "# Guides\n",
		"content/guide/start.md":     "# Start\n\nRead the [rules](rules.md) and [help](help.md).\n",
		"content/guide/start.fr.md":  "# Démarrer\n\nLisez les [règles](rules.md) et l'[aide](help.md).\n",
		"content/guide/start.ar.md":  "# البداية\n",
		"content/guide/rules.md":     "# Rules\n",
		"content/guide/rules.fr.md":  "# Règles\n",
		"content/guide/help.md":      "# Help\n",
		"content/guide/notes.old.md": "# Old notes\n",
		"content/guide/notes.md":     "# Notes\n",
		"content/guide/alone.de.md":  "# Allein\n",
		"content/guide/design.md":    "# Design\n",
		"content/guide/design.ui.md": "# Interface design\n",
	}
	sitetest.Write(t, dir, files)
	cfg, _, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Out = filepath.Join(t.TempDir(), "public")
	res, err := Build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) > 0 {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
	read := func(page string) string {
		b, err := os.ReadFile(filepath.Join(cfg.Out, filepath.FromSlash(page), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sidebar := regexp.MustCompile(`(?s)<nav id="sidebar".*?</nav>`)
	start, fr, ar := read("guide/start"), read("guide/start.fr"), read("guide/start.ar")
	for name, html := range map[string]string{"start": start, "start.fr": fr} {
		nav := sidebar.FindString(html)
		if nav == "" || strings.Contains(nav, "Démarrer") || strings.Contains(nav, "Règles") || strings.Contains(nav, "البداية") ||
			!strings.Contains(nav, "Start") || !strings.Contains(nav, "Old notes") || !strings.Contains(nav, "Allein") ||
			!strings.Contains(nav, "Interface design") {
			t.Errorf("%s: sidebar lists translations beside their originals, or lost a page:\n%s", name, nav)
		}
	}
	for _, want := range []string{`<html lang="fr" dir="ltr">`, `<a href="../rules.fr/">règles</a>`, `<a href="../help/">aide</a>`,
		`<a href="../start/" hreflang="en" lang="en">Start</a>`, `<a href="../start.ar/" hreflang="ar" lang="ar">البداية</a>`} {
		if !strings.Contains(fr, want) {
			t.Errorf("start.fr lacks %s", want)
		}
	}
	for _, want := range []string{`<html lang="en" dir="ltr">`, `<a href="../rules/">rules</a>`,
		`<a href="../start.ar/" hreflang="ar" lang="ar">البداية</a>`, `<a href="../start.fr/" hreflang="fr" lang="fr">Démarrer</a>`} {
		if !strings.Contains(start, want) {
			t.Errorf("start lacks %s", want)
		}
	}
	if strings.Contains(start, "start.ar/\" rel=") || strings.Contains(start, "start.fr/\" rel=") || strings.Contains(fr, `rel="next"`) {
		t.Errorf("previous and next links lead to or from a translation")
	}
	if !strings.Contains(ar, `<html lang="ar" dir="rtl">`) {
		t.Errorf("start.ar is not Arabic, right to left")
	}
	if strings.Contains(read("guide/notes.old"), `lang="old"`) || strings.Contains(read("guide/alone.de"), `lang="de"`) ||
		strings.Contains(read("guide/design.ui"), `lang="ui"`) {
		t.Errorf("notes.old.md, alone.de.md (no alone.md) or design.ui.md (no language ui) taken for a translation")
	}
}
