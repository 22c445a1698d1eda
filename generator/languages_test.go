package generator

import (
	"github.com/cmplay/cmplay/internal/sitetest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPageLanguages: [languages] in cmplay.toml gives folders a language; each page's <html>
// carries its language and direction (right to left for Arabic, Hebrew, Persian, Urdu), the
// deepest folder named wins, and a value that is no language tag is reported at its line.
func TestPageLanguages(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"cmplay.toml":             "title = \"Handbook\"\nlanguage = \"en\"\n\n[languages]\n\"ar\" = \"ar\"\n\"ar/eg\" = \"ar-EG\"\n\"docs/he\" = \"he-IL\"\n\"de\" = \"Deutsch!\"\n",
		"content/_index.md":       "# Home\n",
		"content/guide.md":        "# Guide\n",
		"content/ar/_index.md":    "# دليل\n",
		"content/ar/page.md":      "# صفحة\n",
		"content/ar/eg/page.md":   "# صفحة\n",
		"content/docs/he/page.md": "# עמוד\n",
		"content/de/page.md":      "# Seite\n",
		"content/ar/english.md":   "---\nlang: en-GB\n---\n# In English\n", // its own lang wins over its folder's
		"content/fa.md":           "---\nlang: fa\n---\n# فارسی\n",
	}
	sitetest.Write(t, dir, files)
	cfg, diags, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 1 || diags[0].Line != 8 || !strings.Contains(diags[0].Msg, `"Deutsch!" is not a language tag`) {
		t.Errorf("config diagnostics %v, want one for line 8", diags)
	}
	cfg.Out = filepath.Join(t.TempDir(), "public")
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{
		"index.html":              `<html lang="en" dir="ltr">`,
		"guide/index.html":        `<html lang="en" dir="ltr">`,
		"ar/index.html":           `<html lang="ar" dir="rtl">`,
		"ar/page/index.html":      `<html lang="ar" dir="rtl">`,
		"ar/eg/page/index.html":   `<html lang="ar-EG" dir="rtl">`,
		"docs/he/page/index.html": `<html lang="he-IL" dir="rtl">`,
		"de/page/index.html":      `<html lang="en" dir="ltr">`,
		"search/index.html":       `<html lang="en" dir="ltr">`,
		"ar/english/index.html":   `<html lang="en-GB" dir="ltr">`,
		"fa/index.html":           `<html lang="fa" dir="rtl">`,
	} {
		b, err := os.ReadFile(filepath.Join(cfg.Out, filepath.FromSlash(page)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
}
