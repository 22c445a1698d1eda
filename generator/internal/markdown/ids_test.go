package markdown

import (
	"strings"
	"testing"
)

// TestHeadingIDsLikeGitHub holds the anchors GitHub gives these headings (the cases of
// github-slugger's fixtures, which are generated from GitHub's own rendering, and the headings of
// real handbooks that broke), so a link that works on GitHub works on the site. Headings are
// rendered in order on one page: repeats are numbered as GitHub numbers them.
func TestHeadingIDsLikeGitHub(t *testing.T) {
	tests := []struct{ heading, want string }{
		// punctuation is dropped, spaces become dashes, runs are not folded
		{"Upgrade / Downgrade Strategy", "upgrade--downgrade-strategy"},
		{"heading with a - dash", "heading-with-a---dash"},
		{"heading with an _ underscore", "heading-with-an-_-underscore"},
		{"heading with a period.txt", "heading-with-a-periodtxt"},
		{"exchange.bind_headers(exchange, routing [, bindCallback])", "exchangebind_headersexchange-routing--bindcallback"},
		{"C++ & Go!", "c--go"},
		{"What's new?", "whats-new"},
		{"apostrophe’s should be trimmed", "apostrophes-should-be-trimmed"},
		{"en–dash and em—dash", "endash-and-emdash"},
		{"Typed -- dashes", "typed----dashes"},
		{"Design Details -- Test Plan", "design-details----test-plan"},
		// case
		{"bravoCharlieDelta", "bravocharliedelta"},
		{"KEP Metadata", "kep-metadata"},
		// emoji and symbols go; a leading one leaves a dash; a variation selector stays
		{"😄 unicode emoji", "-unicode-emoji"},
		{"😄-😄 unicode emoji", "--unicode-emoji"},
		{"😄_😄 unicode emoji", "_-unicode-emoji"},
		{"I ♥ unicode", "i--unicode"},
		{"emoji 🛠️ gets", "emoji-\ufe0f-gets"},
		{":ok_hand: Single", "ok_hand-single"},
		// letters, marks and numbers of every script
		{"Привет non-latin 你好", "привет-non-latin-你好"},
		{"Über uns", "über-uns"},
		{"हिन्दी में योगदान", "हिन्दी-में-योगदान"},
		{"மொழிபெயர்ப்பு", "மொழிபெயர்ப்பு"},
		{"日本語の見出し", "日本語の見出し"},
		{"مرحبا بالعالم", "مرحبا-بالعالم"},
		{"Part Ⅳ", "part-ⅳ"},
		// markup: code and link text kept, link URLs, images and HTML tags dropped
		{"The `kubectl apply` command", "the-kubectl-apply-command"},
		{"Using `a.b()`", "using-ab"},
		{"See [the guide](https://example.org/guide.md)", "see-the-guide"},
		{"**Bold** and _emphasis_", "bold-and-emphasis"},
		{"![logo](logo.png) Project", "-project"},
		{`<a name="old"></a>Anchored`, "anchored"},
		{"Press <kbd>Ctrl</kbd>", "press-ctrl"},
		{"Tom &amp; Jerry", "tom--jerry"},
		{"Link <https://example.org>", "link-httpsexampleorg"},
		// repeats, GitHub's way: numbered, skipping a number already taken
		{"echo", "echo"},
		{"echo", "echo-1"},
		{"echo 1", "echo-1-1"},
		{"echo-1", "echo-1-2"},
		{"echo", "echo-2"},
		{"foxtrot-1", "foxtrot-1"},
		{"foxtrot", "foxtrot"},
		{"foxtrot", "foxtrot-2"},
	}
	var body strings.Builder
	for _, tt := range tests {
		body.WriteString("## " + tt.heading + "\n\n")
	}
	p, _ := render(t, "a.md", body.String(), Options{})
	if len(p.Headings) != len(tests) {
		t.Fatalf("%d headings, want %d", len(p.Headings), len(tests))
	}
	for i, tt := range tests {
		if got := p.Headings[i].ID; got != tt.want {
			t.Errorf("## %s: id %q, want %q", tt.heading, got, tt.want)
		}
	}
}

// TestExplicitHeadingID keeps {#id}: the author's anchor wins and is not taken by a later heading.
func TestExplicitHeadingID(t *testing.T) {
	p, _ := render(t, "a.md", "## Upgrade / Downgrade {#upgrade}\n\n## Upgrade\n", Options{})
	if p.Headings[0].ID != "upgrade" || p.Headings[1].ID != "upgrade-1" {
		t.Errorf("ids = %q, %q; want upgrade, upgrade-1", p.Headings[0].ID, p.Headings[1].ID)
	}
}
