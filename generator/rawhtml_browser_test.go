package generator

import (
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// rawHTMLPage mixes the raw HTML a handbook written for GitHub uses with every way raw HTML has
// been used to run script; each attack would set document.title or open a dialog if it ran.
const rawHTMLPage = `# Raw HTML

<aside class="pquote" markdown="1">
Open source is **for everyone**.
</aside>

<details>
<summary>Pre-launch checklist</summary>

Hidden until opened: *license chosen*.

</details>

<table><tr><th>Key</th></tr><tr><td>Press <kbd>Ctrl</kbd> and note<sup>1</sup></td></tr></table>

<script>document.title = "pwned script"; alert(1)</script>

<img src="missing.png" onerror="document.title = 'pwned onerror'; alert(2)" alt="broken">

<svg onload="document.title = 'pwned svg'"><circle r="4"/></svg>

<a id="js" href="jav&#x61;script:document.title='pwned href'">click me</a>

<div style="background-image: url(javascript:alert(3)); width: expression(alert(4))">styled</div>

<iframe srcdoc="<script>parent.document.title='pwned iframe'</script>"></iframe>

<div markdown="1">
<img src=x onerror="document.title = 'pwned nested'">
[nested link](javascript:document.title='pwned nested link')
</div>

<p>Inline <b onmouseover="document.title='pwned hover'">hover</b> text.</p>

## Upgrade / Downgrade Strategy

Padding.
` + "\n"

// TestRawHTMLInTheBrowser opens a page of raw HTML in Chromium with unsafe_html off: no attack
// runs (no dialog opens, the title stays, the javascript: link goes nowhere), the safe blocks
// show and work (the <details> opens on a click to Markdown rendered inside), and a link written
// with GitHub's case-insensitive anchor lands on the heading.
func TestRawHTMLInTheBrowser(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	dir := t.TempDir()
	for name, data := range map[string]string{
		"cmplay.toml":       `title = "Raw"` + "\n",
		"content/_index.md": "# Home\n\nSee [raw](raw.md).\n",
		"content/raw.md":    rawHTMLPage + strings.Repeat("\nMore padding.\n", 80),
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, _, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Out = filepath.Join(t.TempDir(), "public")
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, cfg.Out, "/")
	var dialogs atomic.Int32
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs.Add(1)
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(false)) //nolint:errcheck // best effort: the count is what the test reads
		}
	})
	var title, aside, shown, table string
	var hidden, open, scrolled bool
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"raw/"),
		chromedp.WaitVisible("aside"),
		chromedp.Text("aside", &aside),
		chromedp.Text("table", &table),
		chromedp.Evaluate(`!!document.querySelector("details em") && document.querySelector("details em").checkVisibility()`, &hidden),
		chromedp.Click("summary", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("details").open`, &open),
		chromedp.Text("details em", &shown),
		chromedp.Evaluate(`document.querySelector("#js") && document.querySelector("#js").click(); document.title`, &title),
		chromedp.Navigate(base+"raw/#Upgrade--Downgrade-Strategy"),
		chromedp.Poll(`window.scrollY > 0`, &scrolled),
	)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(title, "pwned") || dialogs.Load() > 0 {
		t.Errorf("script ran: title %q, %d dialogs", title, dialogs.Load())
	}
	if aside != "Open source is for everyone." {
		t.Errorf("aside shows %q", aside)
	}
	if !strings.Contains(table, "Ctrl") {
		t.Errorf("table shows %q", table)
	}
	if hidden || !open || shown != "license chosen" {
		t.Errorf("details: visible before opening %v, open %v, shows %q", hidden, open, shown)
	}
}
