package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"

	"github.com/cmplay/cmplay/generator/internal/checklist"
	"github.com/cmplay/cmplay/generator/internal/render"
	"github.com/cmplay/cmplay/playbooks"
)

// ProgressURL is the site path of the "My progress" dashboard.
const ProgressURL = "/progress/"

// checklists is the step after the markdown (and history) stages: it reports item ids used
// twice across the site and writes the manifest of every checklist the dashboard reads, both as
// checklists.json and as checklists.js (pages opened from file:// may load a script but not
// fetch JSON).
func (b *build) checklists() error {
	b.report(checklist.Duplicates(b.site.Pages, editBase(b.cfg.ContentDir)))
	m := checklist.BuildManifest(b.site.Pages)
	paths, ds := b.paths()
	b.report(ds)
	m.Paths = paths
	if err := b.write("checklists.json", m.JSON()); err != nil {
		return err
	}
	// The pages load the manifest under a name that changes with its content, so a browser's
	// cached copy of an older build can never stand for the current one (a tick would then
	// record a stale version). checklists.js stays for anything that links to it.
	script := m.Script()
	sum := sha256.Sum256(script)
	b.manifestJS = "/checklists." + hex.EncodeToString(sum[:6]) + ".js"
	if err := b.write(strings.TrimPrefix(b.manifestJS, "/"), script); err != nil {
		return err
	}
	return b.write("checklists.js", script)
}

// progressPage renders the dashboard. Without JavaScript it lists the checklists with their
// item counts; the theme's dashboard script adds the reader's progress.
func (b *build) progressPage(r *render.Renderer) ([]byte, error) {
	return r.Generated(ProgressURL, "My progress", "progress", func(d *render.Data) {
		d.Summary = "Your progress through every checklist in this playbook, kept in this browser."
		for _, c := range checklist.BuildManifest(b.site.Pages).Checklists {
			// Without JavaScript the page lists the first checklists only: it must not grow
			// with the site (the dashboard script shows progress through all of them).
			if len(d.Children) == render.IndexPageSize {
				d.More++
				continue
			}
			d.Children = append(d.Children, render.Link{Title: c.Title, URL: d.Rel(c.URL), Kind: playbooks.Kind(c.Kind), Count: len(c.Items)})
		}
	})
}

// hasProgress reports whether the site has anything a reader's progress covers: a checklist
// item, or a page readers acknowledge. Without one there is no dashboard, completion record or
// "My progress" link. Before the markdown stage has found the items, a task-list marker in a
// body that may hold a checklist counts, so that the pages relocate moves off /progress/ are a
// superset of those the dashboard would take.
func (b *build) hasProgress() bool {
	for _, p := range b.site.Pages {
		if len(p.Items) > 0 || p.Acknowledge {
			return true
		}
		if p.HTML == "" && !p.PlainTasks && mayHaveTasks(p.Body) && hasTask(p.Body) {
			return true
		}
	}
	return false
}

// mayHaveTasks is a quick test that most pages fail: a task's box, "[ ]", "[x]" or "[X]". The
// parse step asks before the Markdown is rendered, of every page, and the expression costs
// about a second over 38,000 pages.
func mayHaveTasks(body []byte) bool {
	for i := bytes.IndexByte(body, '['); i >= 0 && i+2 < len(body); {
		if c := body[i+1]; (c == ' ' || c == 'x' || c == 'X') && body[i+2] == ']' {
			return true
		}
		j := bytes.IndexByte(body[i+1:], '[')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// hasTask reports a task-list marker on a line outside fenced code blocks: an example of
// Markdown in a code block is no checklist.
func hasTask(body []byte) bool {
	var fence []byte // the open fence's characters, nil outside a code block
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		if f := fenceOf(line); f != nil {
			switch {
			case fence == nil:
				fence = f
				continue
			case f[0] == fence[0] && len(f) >= len(fence) && len(bytes.TrimSpace(bytes.TrimLeft(bytes.TrimSpace(line), string(f[0])))) == 0:
				fence = nil
				continue
			}
		}
		if fence == nil && taskMarker.Match(line) {
			return true
		}
	}
	return false
}

// fenceOf returns the run of backticks or tildes (three or more) that opens or closes a fenced
// code block on line, indented by at most three spaces; nil when line is not a fence.
func fenceOf(line []byte) []byte {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	j := i
	for j < len(line) && (line[j] == '`' || line[j] == '~') && line[j] == line[i] {
		j++
	}
	if j-i < 3 {
		return nil
	}
	return line[i:j]
}

// taskMarker is a GitHub task-list item's marker, "- [ ]" or "* [x]".
var taskMarker = regexp.MustCompile(`(?m)^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\]`)
