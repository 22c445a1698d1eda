package playbooks

import (
	"fmt"
	"sort"
)

// ForeignKeys maps each key other site generators write to the cmplay key it stands for, for
// the keys that only rename one (the others, such as date and lang, are fields of their own).
var ForeignKeys = map[string]string{
	"description":      "summary",
	"redirect_from":    "aliases",
	"url":              "permalink", // Hugo
	"order":            "weight",
	"nav_order":        "weight",
	"sidebar_position": "weight",
	"linkTitle":        "nav_title",
	"linktitle":        "nav_title",
	"sidebar_label":    "nav_title",
}

// KeyPolicy says what decoding does with keys cmplay does not know: those a site accepts are
// read and ignored, those it maps are decoded as the known key they stand for, and the rest are
// reported at their line — or, with Collect, listed in FrontMatter.Unknown so that the caller
// reports each key once for the whole site (UnknownKeys).
type KeyPolicy struct {
	Accept  []string
	Map     map[string]string
	Collect bool
}

// UnknownKeyFix is the fix offered for an unknown front matter key: the known key it is a typo
// of, or else how to accept it silently.
func UnknownKeyFix(key string) string {
	if s := Suggest(key, Keys); s != "" {
		return "remove it or use a known key" + s
	}
	return fmt.Sprintf("remove it, or accept it in cmplay.toml: [frontmatter] accept = [%q]", key)
}

// UnknownKeys reports each unknown key the pages' front matter collected (KeyPolicy.Collect)
// once for the whole site, at its first file and line in file order, with the number of other
// files that have it: a handbook brought from another generator writes the same few keys on
// every page, and a thousand copies of one warning hide the one that matters.
func UnknownKeys(pages []*Page) Diagnostics {
	type seen struct {
		first *Page
		more  int
	}
	byKey := map[string]*seen{}
	var order []string
	sorted := append([]*Page(nil), pages...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].File < sorted[j].File })
	for _, p := range sorted {
		for _, k := range p.Unknown {
			if s, ok := byKey[k]; ok {
				s.more++
				continue
			}
			byKey[k] = &seen{first: p}
			order = append(order, k)
		}
	}
	var ds Diagnostics
	for _, k := range order {
		s := byKey[k]
		msg := fmt.Sprintf("unknown front matter key %q", k)
		switch s.more {
		case 0:
		case 1:
			msg += ", here and in 1 other file"
		default:
			msg += fmt.Sprintf(", here and in %d other files", s.more)
		}
		ds = append(ds, Diagnostic{File: s.first.File, Line: s.first.FrontMatterLine(k), Col: 1, Severity: Warning,
			Rule: "unknown-key", Msg: msg, Fix: UnknownKeyFix(k)})
	}
	return ds
}
