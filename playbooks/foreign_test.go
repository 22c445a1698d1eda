package playbooks

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func decodeString(t *testing.T, kp KeyPolicy, src string) (FrontMatter, Diagnostics) {
	t.Helper()
	block, _, diags := SplitFrontMatter("p.md", []byte(src))
	fm, more := kp.Decode("p.md", block)
	return fm, append(diags, more...)
}

// TestForeignKeys reads the keys Jekyll, Hugo, Zola, GitBook, MkDocs and Docusaurus pages carry
// as the cmplay fields they stand for, with no diagnostic.
func TestForeignKeys(t *testing.T) {
	fm, diags := decodeString(t, KeyPolicy{}, `---
title: Setup
description: How to set up.
redirect_from: [/old/, /older/]
permalink: /guides/setup/
nav_order: 3
date: 2024-02-03 10:00:00 +0100
author: Ada
lang: de
sidebar_label: Set up
checklist: false
---
`)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if fm.Summary != "How to set up." || strings.Join(fm.Aliases, ",") != "/old/,/older/" || fm.Permalink != "/guides/setup/" ||
		fm.Weight != 3 || !fm.Date.Equal(time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)) || strings.Join(fm.Authors, ",") != "Ada" ||
		fm.Lang != "de" || fm.NavTitle != "Set up" || fm.Checklist == nil || *fm.Checklist {
		t.Errorf("decoded %+v", fm)
	}
	if fm.KeyLines["aliases"] != 4 || fm.KeyLines["weight"] != 6 {
		t.Errorf("lines of mapped keys: aliases %d, weight %d", fm.KeyLines["aliases"], fm.KeyLines["weight"])
	}

	toml, diags := decodeString(t, KeyPolicy{}, "+++\ntitle = \"T\"\nweight = 2\nlinkTitle = \"Short\"\ndate = 2023-05-06T07:08:09Z\nauthors = [\"A\", \"B\"]\nslug = \"tee\"\n+++\n")
	if len(diags) > 0 || toml.NavTitle != "Short" || toml.Weight != 2 || toml.Date.Day() != 6 || len(toml.Authors) != 2 || toml.URLSlug != "tee" {
		t.Errorf("TOML: %+v %v", toml, diags)
	}
	docu, diags := decodeString(t, KeyPolicy{}, "---\nsidebar_position: 1.5\nauthors:\n  - name: Grace\n    title: Admiral\n---\n")
	if len(diags) > 0 || docu.Weight != 2 || strings.Join(docu.Authors, ",") != "Grace" {
		t.Errorf("Docusaurus: %+v %v", docu, diags)
	}
	both, _ := decodeString(t, KeyPolicy{}, "---\nsummary: Mine\ndescription: Theirs\naliases: [/a/]\nredirect_from: /b/\n---\n")
	if both.Summary != "Mine" || len(both.Aliases) != 2 {
		t.Errorf("a key's own name wins, aliases add up: %+v", both)
	}
}

// TestKeyPolicy accepts keys silently, maps others to known keys, and collects the rest.
func TestKeyPolicy(t *testing.T) {
	kp := KeyPolicy{Accept: []string{"layout"}, Map: map[string]string{"nav_title": "title", "sidebar": "linkTitle"}, Collect: true}
	fm, diags := decodeString(t, kp, "---\nlayout: page\nnav_title: Home\nsidebar: H\nhero: big\nparent: Guides\n---\n")
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if fm.Title != "Home" || fm.NavTitle != "H" || !slices.Equal(fm.Unknown, []string{"hero", "parent"}) {
		t.Errorf("decoded %+v", fm)
	}
	_, diags = decodeString(t, KeyPolicy{}, "---\nlayout: page\n---\n")
	if len(diags) != 1 || diags[0].Rule != "unknown-key" || !strings.Contains(diags[0].Fix, `accept = ["layout"]`) {
		t.Errorf("without a policy an unknown key is reported on its page: %v", diags)
	}
}

// TestUnknownKeys reports a key once for the site, at its first file, with how many others have it.
func TestUnknownKeys(t *testing.T) {
	page := func(file string, keys ...string) *Page {
		p := &Page{File: file}
		p.Unknown = keys
		p.KeyLines = map[string]int{}
		for i, k := range keys {
			p.KeyLines[k] = i + 2
		}
		return p
	}
	ds := UnknownKeys([]*Page{page("c.md", "layout"), page("a.md", "hero", "layout"), page("b.md", "layout"), page("d.md", "titel")})
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{
		`a.md:2:1: warning: unknown front matter key "hero" [unknown-key] (fix: remove it, or accept it in cmplay.toml: [frontmatter] accept = ["hero"])`,
		`a.md:3:1: warning: unknown front matter key "layout", here and in 2 other files [unknown-key] (fix: remove it, or accept it in cmplay.toml: [frontmatter] accept = ["layout"])`,
		`d.md:2:1: warning: unknown front matter key "titel" [unknown-key] (fix: remove it or use a known key (did you mean "title"?))`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
