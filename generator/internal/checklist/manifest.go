package checklist

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"

	"github.com/cmplay/cmplay/playbooks"
)

// ManifestVersion is the version of the manifest's format; the theme checks it.
const ManifestVersion = 1

// Manifest lists every checklist of a site and its items, for the progress dashboard. The build
// writes it as checklists.json and, because a page opened from file:// cannot fetch JSON, as
// checklists.js, a script that assigns it to window.cmplayChecklists.
type Manifest struct {
	Version    int         `json:"version"`
	Checklists []Checklist `json:"checklists"`
	Paths      []Path      `json:"paths,omitempty"`
	Acks       []Ack       `json:"acks,omitempty"`
}

// Ack is a page readers acknowledge ("I have read this"). The reader's acknowledgement is
// stored like a tick, under the id "ack:" + URL, with the commit it was made against.
type Ack struct {
	URL    string `json:"url"`
	Title  string `json:"title"`
	Commit string `json:"commit,omitempty"`
}

// Path is an onboarding path: what one role works through, in order. A step whose URL is a
// checklist's counts towards the path (a recurring one is a habit, shown apart and not
// counted); any other step is a page to read.
type Path struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	Steps []Step `json:"steps"`
}

// Step is one page of a path.
type Step struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

// Checklist is one page with items.
type Checklist struct {
	URL     string `json:"url"` // site path, "/onboarding/first-90-days/"
	Title   string `json:"title"`
	Kind    string `json:"kind"`
	Cadence string `json:"cadence,omitempty"`
	Commit  string `json:"commit,omitempty"` // newest commit that changed the page, when known
	// Moved lists the URLs the page had before git renames, newest first. An item's automatic
	// id there was the old URL's page key with the same rest ("old/key/meet-your-manager" for
	// "new/key/meet-your-manager"), so the browser carries ticks over without a list of ids.
	Moved    []string  `json:"moved,omitempty"`
	Sections []Section `json:"sections,omitempty"`
	Items    []Entry   `json:"items"`
}

// Section is a heading that has items under it: a phase when it has a due offset.
type Section struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Due   string `json:"due,omitempty"`
	Days  *int   `json:"days,omitempty"` // days after the start date the phase is due
}

// Entry is one item.
type Entry struct {
	ID      string `json:"id"`
	Text    string `json:"text"`
	Hash    string `json:"hash"`
	Checked bool   `json:"checked,omitempty"` // ticked by default
	Section string `json:"section,omitempty"`
	Due     string `json:"due,omitempty"`
	Days    *int   `json:"days,omitempty"`
}

// BuildManifest collects the checklists of pages, in the order given.
func BuildManifest(ps []*playbooks.Page) *Manifest {
	m := &Manifest{Version: ManifestVersion, Checklists: []Checklist{}}
	for _, p := range ps {
		if p.Acknowledge {
			a := Ack{URL: p.URL, Title: p.Title}
			if len(p.History) > 0 {
				a.Commit = p.History[0].Hash
			}
			m.Acks = append(m.Acks, a)
		}
		if len(p.Items) == 0 {
			continue
		}
		c := Checklist{URL: p.URL, Title: p.Title, Kind: string(p.Kind), Cadence: string(p.Cadence), Items: make([]Entry, 0, len(p.Items))}
		if len(p.History) > 0 {
			c.Commit = p.History[0].Hash
		}
		c.Moved = p.Moved
		seen := map[string]bool{}
		for _, it := range p.Items {
			days := dueDays(it.Due)
			if it.Section != "" && !seen[it.Section] {
				seen[it.Section] = true
				c.Sections = append(c.Sections, Section{ID: it.Section, Title: it.Phase, Due: it.Due, Days: days})
			}
			c.Items = append(c.Items, Entry{ID: it.ID, Text: it.Text, Hash: it.Hash, Checked: it.Checked,
				Section: it.Section, Due: it.Due, Days: days})
		}
		m.Checklists = append(m.Checklists, c)
	}
	return m
}

func dueDays(due string) *int {
	if due == "" {
		return nil
	}
	d, err := ParseDue(due)
	if err != nil {
		return nil
	}
	return &d
}

// JSON is the manifest as JSON.
func (m *Manifest) JSON() []byte {
	b, _ := json.Marshal(m)
	return append(b, '\n')
}

// Script is the manifest as a classic script for pages opened from file://. encoding/json
// escapes <, > and & so the data cannot end the script early.
func (m *Manifest) Script() []byte {
	var buf bytes.Buffer
	buf.WriteString("window.cmplayChecklists=")
	buf.Write(bytes.TrimSpace(m.JSON()))
	buf.WriteString(";\n")
	return buf.Bytes()
}

// Duplicates reports every item whose id another item already has, naming both places. dir is
// the content folder as the author sees it, so both places read as paths they can open.
func Duplicates(pages []*playbooks.Page, dir string) playbooks.Diagnostics {
	type place struct {
		file string
		line int
	}
	first := map[string]place{}
	var ds playbooks.Diagnostics
	for _, p := range pages {
		file := path.Join(dir, p.File)
		for _, it := range p.Items {
			if prev, ok := first[it.ID]; ok {
				fix := "pin a different id with {#…} on one of them"
				if !it.Pinned {
					fix = "reword one of the items, or pin an id with {#…}"
				}
				ds = append(ds, playbooks.Diagnostic{File: file, Line: it.Line, Col: 1, Severity: playbooks.Error, Rule: "duplicate-item-id",
					Msg: fmt.Sprintf("checklist item id %q is also used at %s:%d; progress of the two items would mix", it.ID, prev.file, prev.line),
					Fix: fix})
				continue
			}
			first[it.ID] = place{file, it.Line}
		}
	}
	return ds
}
