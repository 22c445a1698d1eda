package generator

import (
	"github.com/cmplay/cmplay/internal/sitetest"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// TestRightToLeftPage opens an Arabic page in Chromium: the document runs right to left and the
// theme mirrors with it (a callout's bar and a quote's rule on the right, the sidebar's nesting
// rule too), while an English page of the same site keeps them on the left.
func TestRightToLeftPage(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	dir := t.TempDir()
	callout := "> [!NOTE]\n> ملاحظة\n\n> اقتباس\n"
	sitetest.Write(t, dir, map[string]string{
		"cmplay.toml":          "title = \"Handbook\"\n[languages]\n\"ar\" = \"ar\"\n",
		"content/_index.md":    "# Home\n",
		"content/en.md":        "# English\n\n> [!NOTE]\n> A note.\n\n> A quote.\n",
		"content/ar/_index.md": "# دليل\n",
		"content/ar/page.md":   "# صفحة\n\n" + callout,
	})
	cfg, _, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Out = filepath.Join(t.TempDir(), "public")
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, cfg.Out, "/")
	const sides = `(() => { const s = e => getComputedStyle(document.querySelector(e));
		return [getComputedStyle(document.documentElement).direction,
			s(".callout").borderRightWidth, s(".callout").borderLeftWidth,
			s(".content blockquote").borderRightWidth, s(".content blockquote").borderLeftWidth].join(" ") })()`
	for page, want := range map[string]string{"ar/page/": "rtl 4px 0px 4px 0px", "en/": "ltr 0px 4px 0px 4px"} {
		var got string
		if err := chromedp.Run(ctx, chromedp.Navigate(base+page), chromedp.WaitVisible(".callout"), chromedp.Evaluate(sides, &got)); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: direction and borders (callout right, left; quote right, left) %q, want %q", page, got, want)
		}
	}
}
