package serve_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmplay/cmplay/generator"
	"github.com/cmplay/cmplay/generator/output"
	"github.com/cmplay/cmplay/internal/sitetest"
	"github.com/cmplay/cmplay/serve"
)

var site = map[string]string{
	"content/_index.md":       "---\ntitle: Home\n---\nWelcome to the playbook.\n",
	"content/guide/_index.md": "---\ntitle: Guides\n---\nAll the guides.\n",
	"content/guide/escalate.md": "---\ntitle: Escalate\nweight: 1\n---\nWhen a member reports abuse, escalate.\n\n" +
		"## Steps\n\n- [ ] Thank them\n- [ ] Open a ticket\n",
	"content/guide/welcome.md": "---\ntitle: Welcome\nweight: 2\n---\nGreet new members within a day.\n",
}

// Each editor saves a file its own way; every way must give exactly one rebuild that has the
// new text, and none of the editor's temporary files may reach the build.
var savePatterns = []struct {
	editor string
	save   func(t *testing.T, p, text string)
}{
	{"vim (rename dance)", func(t *testing.T, p, text string) {
		dir, name := filepath.Split(p)
		must(t, os.WriteFile(filepath.Join(dir, "4913"), nil, 0o644)) // can vim create files here?
		must(t, os.Remove(filepath.Join(dir, "4913")))
		must(t, os.WriteFile(filepath.Join(dir, "."+name+".swp"), []byte("swap"), 0o600))
		must(t, os.Rename(p, p+"~"))
		must(t, os.WriteFile(p, []byte(text), 0o644))
		must(t, os.Chmod(p, 0o644))
		must(t, os.Remove(p+"~"))
		must(t, os.Remove(filepath.Join(dir, "."+name+".swp")))
	}},
	{"vim (backupcopy=yes)", func(t *testing.T, p, text string) {
		old, err := os.ReadFile(p)
		must(t, err)
		must(t, os.WriteFile(p+"~", old, 0o644))
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_TRUNC, 0)
		must(t, err)
		_, err = f.WriteString(text)
		must(t, err)
		must(t, f.Close())
		must(t, os.Remove(p+"~"))
	}},
	{"VS Code (truncate + write)", func(t *testing.T, p, text string) {
		must(t, os.Truncate(p, 0))
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		must(t, err)
		for _, chunk := range []string{text[:len(text)/2], text[len(text)/2:]} {
			_, err = f.WriteString(chunk)
			must(t, err)
		}
		must(t, f.Close())
	}},
	{"JetBrains (safe write)", func(t *testing.T, p, text string) {
		must(t, os.WriteFile(p+"___jb_tmp___", []byte(text), 0o644))
		must(t, os.Rename(p, p+"___jb_old___"))
		must(t, os.Rename(p+"___jb_tmp___", p))
		must(t, os.Remove(p+"___jb_old___"))
	}},
	{"emacs (lock, backup, write)", func(t *testing.T, p, text string) {
		dir, name := filepath.Split(p)
		lock := filepath.Join(dir, ".#"+name)
		must(t, os.Symlink("user@host.4242:1700000000", lock))
		must(t, os.WriteFile(filepath.Join(dir, "#"+name+"#"), []byte(text), 0o644)) // auto-save
		must(t, os.Rename(p, p+"~"))
		must(t, os.WriteFile(p, []byte(text), 0o644))
		must(t, os.Remove(filepath.Join(dir, "#"+name+"#")))
		must(t, os.Remove(lock))
	}},
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestEditorSavesGiveOneRebuild edits a page of the shipped playbook the way each editor saves.
func TestEditorSavesGiveOneRebuild(t *testing.T) {
	// It mostly waits (out quiet periods, or for writes to go on): it waits beside the other.
	t.Parallel()
	files := sitetest.ShippedFiles(t)
	original := files["content/about.md"]
	if original == "" {
		t.Fatal("the shipped playbook has no about.md")
	}
	// An editor's save is a few system calls in a row; on a loaded machine the test's goroutine
	// can be descheduled between them for longer than the 100 ms quiet period, which would
	// split one save into two bursts. A longer quiet period keeps the test about the watcher's
	// folding of events, not about the scheduler.
	l := startLiveQuiet(t, files, 500*time.Millisecond)
	page := l.path("content/about.md")
	for i, sp := range savePatterns {
		t.Run(sp.editor, func(t *testing.T) {
			events := l.subscribe()
			marker := fmt.Sprintf("Saved by %s, edit %d.", sp.editor, i)
			sp.save(t, page, original+"\n"+marker+"\n")
			r := l.next()
			if r.err != nil {
				t.Fatal(r.err)
			}
			for _, p := range r.changed {
				if p != page {
					t.Errorf("the rebuild was told about %s; only %s changed for the build", p, page)
				}
			}
			events.wait(t, "reload")
			if code, body := l.get("/about/"); code != 200 || !strings.Contains(body, marker) {
				t.Fatalf("after the save the page (%d) does not have %q", code, marker)
			}
			// A save that spilled over into a second rebuild would come before this one.
			sentinel := l.path(fmt.Sprintf("content/sentinel-%d.txt", i))
			must(t, os.WriteFile(sentinel, []byte("x"), 0o644))
			if r := l.next(); len(r.changed) != 1 || r.changed[0] != sentinel {
				t.Fatalf("the save caused a second rebuild, for %v", r.changed)
			}
		})
	}
}

func TestNewNestedFolderIsWatched(t *testing.T) {
	l := startLive(t, site)
	deep := l.path("content/a/b/c")
	must(t, os.MkdirAll(deep, 0o755))
	must(t, os.WriteFile(filepath.Join(deep, "deep.md"), []byte("# Deep\n\nFound at the bottom.\n"), 0o644))
	for {
		r := l.next()
		if code, body := l.get("/a/b/c/deep/"); code == 200 && strings.Contains(body, "Found at the bottom.") {
			break
		}
		if len(r.changed) == 0 {
			t.Fatal("rebuilt without the new page")
		}
	}
	// The new folders are watched now: a later edit inside them is seen too.
	must(t, os.WriteFile(filepath.Join(deep, "deep.md"), []byte("# Deep\n\nEdited at the bottom.\n"), 0o644))
	l.next()
	if _, body := l.get("/a/b/c/deep/"); !strings.Contains(body, "Edited at the bottom.") {
		t.Fatal("an edit in a folder created after the start was missed")
	}
}

func TestBrokenFrontMatterShowsOverlayAndKeepsLastGood(t *testing.T) {
	l := startLive(t, site)
	events := l.subscribe()
	page := l.path("content/guide/welcome.md")
	must(t, os.WriteFile(page, []byte("---\ntitle: [Welcome\nweight: 2\n---\nGreet new members within an hour.\n"), 0o644))
	r := l.next()
	if r.err != nil || r.res.Diagnostics.Errors() == 0 {
		t.Fatalf("broken front matter gave no error diagnostic (err %v)", r.err)
	}
	var problems []struct{ Pos, Msg string }
	must(t, json.Unmarshal(events.wait(t, "problems").data, &problems))
	if len(problems) == 0 || !strings.HasPrefix(problems[0].Pos, "content/guide/welcome.md:2:") {
		t.Fatalf("overlay problems %+v, want one at content/guide/welcome.md:2:col", problems)
	}
	if _, body := l.get("/guide/welcome/"); !strings.Contains(body, "Greet new members within a day.") || strings.Contains(body, "within an hour") {
		t.Fatal("the broken build replaced the last good page")
	}
	// A page opened now sees the problems at once.
	late := l.subscribe()
	late.wait(t, "problems")

	must(t, os.WriteFile(page, []byte("---\ntitle: Welcome\nweight: 2\n---\nGreet new members within an hour.\n"), 0o644))
	l.next()
	events.wait(t, "ok")
	events.wait(t, "reload")
	if _, body := l.get("/guide/welcome/"); !strings.Contains(body, "within an hour") {
		t.Fatal("the fixed page is not served")
	}
}

func TestBrokenThemeKeepsLastGood(t *testing.T) {
	l := startLive(t, site)
	events := l.subscribe()
	must(t, os.MkdirAll(l.path("themes/default/layouts"), 0o755))
	must(t, os.WriteFile(l.path("themes/default/layouts/page.html"), []byte(`{{ define "main" }}{{ .Nope }`), 0o644))
	if r := l.next(); r.err == nil {
		t.Fatal("a template that does not parse built")
	}
	var problems []struct{ Pos, Msg string }
	must(t, json.Unmarshal(events.wait(t, "problems").data, &problems))
	if len(problems) != 1 || !strings.Contains(problems[0].Msg, "page.html") {
		t.Fatalf("overlay problems %+v, want the template error", problems)
	}
	if code, body := l.get("/guide/welcome/"); code != 200 || !strings.Contains(body, "Greet new members") {
		t.Fatal("the last good build is not served after a failed build")
	}
	must(t, os.Remove(l.path("themes/default/layouts/page.html")))
	if r := l.next(); r.err != nil {
		t.Fatalf("removing the broken layout: %v", r.err)
	}
	events.wait(t, "ok")
	events.wait(t, "reload")
}

func TestStylesheetChangeSwapsCSS(t *testing.T) {
	files := map[string]string{"themes/default/assets/print.css": "@media print { body { color: #111 } }\n"}
	for k, v := range site {
		files[k] = v
	}
	l := startLive(t, files)
	events := l.subscribe()
	must(t, os.WriteFile(l.path("themes/default/assets/print.css"), []byte("@media print { body { color: #000 } }\n"), 0o644))
	if r := l.next(); r.err != nil {
		t.Fatal(r.err)
	}
	var d struct {
		Swap []struct{ From, To string }
	}
	must(t, json.Unmarshal(events.wait(t, "css").data, &d))
	if len(d.Swap) != 1 || !strings.HasPrefix(d.Swap[0].To, "/assets/main.") || d.Swap[0].From == d.Swap[0].To {
		t.Fatalf("css swaps %+v, want main.css's old and new names", d.Swap)
	}
	code, body := l.get(d.Swap[0].To)
	if code != 200 || !strings.Contains(body, "color:#000") {
		t.Fatalf("the new stylesheet (%d) lacks the change", code)
	}
}

func TestServerRefusesEscapes(t *testing.T) {
	l := startLive(t, site)
	for _, p := range []string{"/../etc/passwd", "/guide/../../etc/passwd", "/%2e%2e/etc/passwd"} {
		if code, _ := l.get(p); code == 200 {
			t.Errorf("GET %s: %d", p, code)
		}
	}
	if code, body := l.get("/__cmplay/reload.js"); code != 200 || !strings.Contains(body, "EventSource") {
		t.Fatalf("reload.js: %d", code)
	}
}

func TestSymlinkOutsideContentIsNotPublished(t *testing.T) {
	l := startLive(t, site)
	secret := filepath.Join(t.TempDir(), "secret.md")
	must(t, os.WriteFile(secret, []byte("# Secret\n\nThe root password.\n"), 0o644))
	must(t, os.Symlink(secret, l.path("content/secret.md")))
	must(t, os.Symlink("../../"+filepath.Base(l.dir)+"/content/guide/welcome.md", l.path("content/sneaky.md")))
	must(t, os.Symlink("guide/welcome.md", l.path("content/alias.md")))
	var r rebuild
	for r.res == nil || len(r.changed) < 3 && !strings.Contains(fmt.Sprint(r.res.Diagnostics), "sneaky") {
		r = l.next()
	}
	for _, f := range []string{"content/secret.md", "content/sneaky.md"} {
		if !strings.Contains(fmt.Sprint(r.res.Diagnostics), f+":1:1: error: symbolic link to a file outside the content folder") {
			t.Errorf("no diagnostic for %s in %v", f, r.res.Diagnostics)
		}
	}
	// The build has errors, so the server keeps the last good one (see Live); look at the build.
	for name, want := range map[string]string{"secret/index.html": "", "sneaky/index.html": "", "alias/index.html": "Greet new members"} {
		data, ok := r.update.Site.File(name)
		if ok != (want != "") || !strings.Contains(string(data), want) {
			t.Errorf("%s: built %v, want built %v", name, ok, want != "")
		}
		if strings.Contains(string(data), "root password") {
			t.Fatal("a file from outside the content folder was published")
		}
	}
}

func TestSearchIndexCatchesUpAfterReload(t *testing.T) {
	l := startLive(t, site)
	must(t, os.WriteFile(l.path("content/guide/welcome.md"), []byte("---\ntitle: Welcome\nweight: 2\n---\nGreet new members with a zanzibarquux.\n"), 0o644))
	if r := l.next(); r.update.Then == nil {
		t.Fatal("the rebuild left nothing for after the reload; the deferred steps ran before it")
	}
	if _, body := l.get("/guide/welcome/"); !strings.Contains(body, "zanzibarquux") {
		t.Fatal("the page is not served before the search index is rebuilt")
	}
	select {
	case <-l.finished:
	case <-time.After(10 * time.Second):
		t.Fatal("the build was never finished")
	}
	full := output.NewMemory()
	if _, err := generator.Build(generator.Config{Source: l.dir, BaseURL: l.url, Foot: serve.Script, Writer: full}); err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, name := range full.Names() {
		if !strings.HasPrefix(name, "search/") {
			continue
		}
		want, _ := full.File(name)
		if _, got := l.get("/" + name); got != string(want) {
			t.Fatalf("%s served after the build finished differs from a full build's", name)
		}
		compared++
	}
	if compared == 0 {
		t.Fatal("the full build wrote no search index to compare")
	}
}
