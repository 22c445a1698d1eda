package markdown

import "testing"

// TestLost: what the sanitiser drops is named — a tag, or an attribute and its tag — and what
// it keeps, comments and cmplay's own markdown="1" are not.
func TestLost(t *testing.T) {
	s := newSafeHTML(false, []string{"main"})
	for _, tt := range []struct{ raw, want string }{
		{`<iframe src="https://video.example/x"></iframe>`, "<iframe>"},
		{`<script>alert(1)</script>`, "<script>"},
		{`<div onclick="alert(1)">x</div>`, "the onclick attribute of <div>"},
		{`<span style="color:red">x</span>`, "the style attribute of <span>"},
		{`<a href="javascript:alert(1)">x</a>`, "the href attribute of <a>"},
		{`<div id="main">x</div>`, "the id attribute of <div>"},
		{`<div id="intro">x</div>`, ""},
		{`<a name="top"></a><kbd>Ctrl</kbd>`, ""},
		{`<details open><summary>More</summary>x</details>`, ""},
		{`<div align="center" markdown="1">`, ""},
		{`<!-- a comment -->`, ""},
		{`</div>`, ""},
		{`<img src="img/a.png" alt="A" width="20">`, ""},
	} {
		if got := lost([]byte(tt.raw), s.Sanitize([]byte(tt.raw))); got != tt.want {
			t.Errorf("lost(%s) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}
