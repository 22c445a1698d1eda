package outline

import (
	"fmt"
	"strings"
	"testing"
)

func entries(o Outline) string {
	var b strings.Builder
	for _, e := range o.Entries {
		fmt.Fprintf(&b, "%d %s %q\n", e.Line, e.File, e.Title)
	}
	return b.String()
}

func TestSummary(t *testing.T) {
	src := "# Table of contents\n\n* [Welcome](README.md)\n* [Getting started](start/README.md)\n  * [Install](start/install.md#first)\n  - [Spaces](start/with%20space.md)\n\n## Reference\n\n+ [API](<ref/api.md>)\n* [Elsewhere](https://example.com/x.md)\n* [Outside](../x.md)\n* [Image](pic.png)\n"
	got := entries(Summary("SUMMARY.md", "", []byte(src)))
	want := "3 README.md \"Welcome\"\n4 start/README.md \"Getting started\"\n5 start/install.md \"Install\"\n6 start/with space.md \"Spaces\"\n10 ref/api.md \"API\"\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestMkDocs(t *testing.T) {
	src := `site_name: Handbook
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
nav:
  - Home: index.md
  - 'User guide':
      - 'Writing': 'guide/writing.md'
      - guide/styling.md
  - About:
    - about/license.md
  - External: https://example.com/
plugins:
  - search
`
	o, ds := MkDocs("mkdocs.yml", []byte(src), "")
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	want := "8 index.md \"Home\"\n10 guide/writing.md \"Writing\"\n11 guide/styling.md \"\"\n13 about/license.md \"\"\n"
	if got := entries(o); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := o.FolderTitles(); len(got) != 2 || got["guide"] != "User guide" || got["about"] != "About" {
		t.Errorf("folder titles %v", got)
	}
	o, _ = MkDocs("mkdocs.yml", []byte(src), "docs")
	if o.Entries[0].File != "docs/index.md" {
		t.Errorf("with a prefix: %v", o.Entries[0])
	}
	if o, _ := MkDocs("mkdocs.yml", []byte("site_name: x\n"), ""); len(o.Entries) != 0 {
		t.Error("no nav, no entries")
	}
	if _, ds := MkDocs("mkdocs.yml", []byte("nav:\n  - [unclosed\n"), ""); len(ds) != 1 || ds[0].Line != 1 {
		t.Errorf("a nav that does not parse is one warning at its line: %v", ds)
	}
	// A few lines of aliases expand to gigabytes; they are refused, as in front matter.
	bomb := "nav:\n  - &a [x.md, x.md, x.md, x.md, x.md, x.md, x.md, x.md, x.md]\n  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  - [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	if o, ds := MkDocs("mkdocs.yml", []byte(bomb), ""); len(ds) != 1 || len(o.Entries) != 0 || !strings.Contains(ds[0].Msg, "aliases") {
		t.Errorf("an alias bomb: %d entries, %v", len(o.Entries), ds)
	}
}
