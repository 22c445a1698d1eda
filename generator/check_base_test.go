package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/playbooks"
)

const onboardingBefore = `---
title: First week
kind: checklist
owner: People team
---

## Day 1 {due="day 1"}

- [ ] Meet your sponsor over coffee
- [ ] Get a laptop from IT on day one
- [ ] Read the escalation guideline {#read-escalation}

## Week 1 {due="week 1"}

- [ ] Shadow a moderator for a day
- [ ] Write your first community post
`

// After: one item reworded at its start (a new id: ticks lost), one reworded only at its end
// (same id), one reworded but pinned, one reworded with a deliberate new pin, one item deleted
// and one added.
const onboardingAfter = `---
title: First week
kind: checklist
owner: People team
---

## Day 1 {due="day 1"}

- [ ] Have coffee with your sponsor
- [ ] Get a laptop from IT on your first day
- [ ] Read the escalation and moderation guidelines {#read-escalation}

## Week 1 {due="week 1"}

- [ ] Shadow a community moderator {#shadowing}
- [ ] Say hello in the welcome thread
`

// TestCheckBase builds a real git repository with go-git: the base commit has a checklist, the
// next commit rewords it. Check with --base reports exactly the reworded item whose ticks would
// be lost, at its new line, naming the old id to pin.
func TestCheckBase(t *testing.T) {
	repo := newRepo(t)
	dir := repo.dir
	commit := func(files map[string]string, msg string) { repo.commitFiles(files, msg) }
	commit(map[string]string{"content/_index.md": "Home.\n", "content/onboarding/_index.md": "Onboarding.\n",
		"content/onboarding/first-week.md": onboardingBefore}, "Add the first-week checklist")
	commit(map[string]string{"content/onboarding/first-week.md": onboardingAfter}, "Reword the first-week checklist")

	for _, base := range []string{"HEAD~1", "master"} {
		res, err := Check(Config{Source: dir}, CheckOptions{Today: today, Base: base})
		if err != nil {
			t.Fatal(err)
		}
		changed := only(res.Diagnostics, "item-id-changed")
		if base == "master" {
			if len(changed) != 0 {
				t.Errorf("against the same commit, want no changed ids, got %v", changed)
			}
			continue
		}
		if len(changed) != 1 {
			t.Fatalf("want 1 changed id against %s, got %d:\n%v", base, len(changed), res.Diagnostics)
		}
		d := changed[0]
		if d.File != "content/onboarding/first-week.md" || d.Line != 9 || d.Severity != playbooks.Error {
			t.Errorf("finding at %s:%d (%s), want content/onboarding/first-week.md:9, an error", d.File, d.Line, d.Severity)
		}
		const old = "onboarding/first-week/meet-your-sponsor-over-coffee"
		if !strings.Contains(d.Msg, `"`+old+`"`) || !strings.Contains(d.Msg, "Meet your sponsor over coffee") {
			t.Errorf("message does not name the old id and text: %s", d.Msg)
		}
		if !strings.Contains(d.Fix, "{#"+old+"}") {
			t.Errorf("fix does not suggest pinning the old id: %s", d.Fix)
		}
	}

	// Following the fix — pinning the old id on the reworded item — keeps the ticks: the check
	// is clean afterwards, with no complaint about the pinned id itself.
	page := filepath.Join(dir, "content/onboarding/first-week.md")
	after, _ := os.ReadFile(page)
	lines := strings.Split(string(after), "\n")
	lines[8] += " {#onboarding/first-week/meet-your-sponsor-over-coffee}"
	writeFile(t, page, []byte(strings.Join(lines, "\n")))
	res, err := Check(Config{Source: dir}, CheckOptions{Today: today, Base: "HEAD~1"})
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Diagnostics.Errors(); n != 0 {
		t.Errorf("after pinning the old id as suggested, %d errors remain: %v", n, res.Diagnostics)
	}

	if _, err := Check(Config{Source: dir}, CheckOptions{Today: today, Base: "no-such-branch"}); err == nil ||
		!strings.Contains(err.Error(), "no-such-branch") {
		t.Errorf("an unknown base: want an error naming it, got %v", err)
	}
	if _, err := Check(Config{Source: t.TempDir()}, CheckOptions{Base: "main"}); err == nil {
		t.Error("a base outside a git repository: want an error")
	}
}

func only(ds playbooks.Diagnostics, rule string) playbooks.Diagnostics {
	var out playbooks.Diagnostics
	for _, d := range ds {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	return out
}
