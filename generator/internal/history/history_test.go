package history

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TestHistoryBelowRoot: the content folder is below the repository root; files outside it do
// not count, and each file's history names authors and is newest first.
func TestHistoryBelowRoot(t *testing.T) {
	r := newTestRepo(t)
	r.write("README.md", "repo readme")
	r.write("site/content/guide.md", "# Guide\nv1")
	r.write("site/content/roles/cm.md", "# CM\nv1")
	r.commit("Start the playbook", "Ada Lovelace")
	r.write("README.md", "changed outside the content")
	r.commit("Touch the readme only", "Grace Hopper")
	r.write("site/content/guide.md", "# Guide\nv2")
	r.commit("Tighten the guide (#12)", "Grace Hopper")
	r.write("site/content/roles/cm.md", "# CM\nv2")
	r.write("site/content/guide.md", "# Guide\nv3")
	r.commit("Rework roles and guide\n\nLonger body.", "Ken Thompson")

	log := r.read("site/content")
	if log.Prefix != "site/content" {
		t.Errorf("Prefix = %q", log.Prefix)
	}
	if got, want := subjects(t, log, "guide.md"), []string{"Rework roles and guide", "Tighten the guide (#12)", "Start the playbook"}; !reflect.DeepEqual(got, want) {
		t.Errorf("guide.md history = %q, want %q", got, want)
	}
	if got, want := subjects(t, log, "roles/cm.md"), []string{"Rework roles and guide", "Start the playbook"}; !reflect.DeepEqual(got, want) {
		t.Errorf("roles/cm.md history = %q, want %q", got, want)
	}
	if len(log.Commits) != 3 {
		t.Errorf("changelog has %d commits, want 3 (the readme-only commit is not content)", len(log.Commits))
	}
	g := log.Files["guide.md"]
	if g.Commits[1].PR != 12 || g.Commits[1].Author != "Grace Hopper" || g.Commits[1].Email != "grace@example.org" {
		t.Errorf("second commit = %+v", g.Commits[1].Commit)
	}
	if g.Created == nil || g.Created.Subject != "Start the playbook" || g.Truncated {
		t.Errorf("created = %+v, truncated %v", g.Created, g.Truncated)
	}
	if !g.Commits[0].Date.After(g.Commits[1].Date) {
		t.Errorf("not newest first: %v then %v", g.Commits[0].Date, g.Commits[1].Date)
	}
	if _, ok := log.Files["README.md"]; ok {
		t.Error("a file outside the content folder has a history")
	}
}

// TestRenameAndReadd: an exact rename continues the history; a deleted and re-added file keeps
// its older life but was created by the re-add; a rename with small edits continues it too (as
// git log --follow); a "rename" to a different text starts afresh.
func TestRenameAndReadd(t *testing.T) {
	r := newTestRepo(t)
	r.write("c/keep.md", "# Keep\n\nline one\nline two\nline three\nline four\n")
	r.write("c/old.md", "same text")
	r.write("c/gone.md", "first life")
	r.write("c/edit.md", "before")
	r.commit("Add pages", "Ada Lovelace")
	r.write("c/old.md", "same text, edited")
	r.commit("Edit old", "Ada Lovelace")
	r.remove("c/old.md")
	r.write("c/sub/new.md", "same text, edited")
	r.remove("c/gone.md")
	r.commit("Move old to sub/new and drop gone", "Grace Hopper")
	r.write("c/gone.md", "second life")
	r.commit("Bring gone back", "Grace Hopper")
	r.remove("c/edit.md")
	r.write("c/edited.md", "after, with other words")
	r.commit("Rename edit with changes", "Ken Thompson")
	r.remove("c/keep.md")
	r.write("c/kept/keep.md", "# Keep\n\nline one\nline two, edited\nline three\nline four\nline five\n")
	r.commit("Move keep and edit it", "Ken Thompson")

	log := r.read("c")
	if got, want := subjects(t, log, "kept/keep.md"), []string{"Move keep and edit it", "Add pages"}; !reflect.DeepEqual(got, want) {
		t.Errorf("history of a file renamed with edits = %q, want %q", got, want)
	}
	if kf := log.Files["kept/keep.md"]; kf.Created == nil || kf.Created.Subject != "Add pages" {
		t.Errorf("file renamed with edits created by %+v", kf.Created)
	} else if ch, _ := kf.ChangeFor(kf.Commits[0]); ch.Kind != Renamed || ch.From != "keep.md" {
		t.Errorf("rename with edits = %+v", ch)
	}
	if got, want := subjects(t, log, "sub/new.md"), []string{"Move old to sub/new and drop gone", "Edit old", "Add pages"}; !reflect.DeepEqual(got, want) {
		t.Errorf("renamed file history = %q, want %q", got, want)
	}
	nf := log.Files["sub/new.md"]
	if ch, _ := nf.ChangeFor(nf.Commits[0]); ch.Kind != Renamed || ch.From != "old.md" {
		t.Errorf("rename change = %+v", ch)
	}
	if nf.Created.Subject != "Add pages" {
		t.Errorf("renamed file created by %q", nf.Created.Subject)
	}
	if got, want := subjects(t, log, "gone.md"), []string{"Bring gone back", "Move old to sub/new and drop gone", "Add pages"}; !reflect.DeepEqual(got, want) {
		t.Errorf("re-added file history = %q, want %q", got, want)
	}
	if c := log.Files["gone.md"].Created; c.Subject != "Bring gone back" {
		t.Errorf("re-added file created by %q", c.Subject)
	}
	if got, want := subjects(t, log, "edited.md"), []string{"Rename edit with changes"}; !reflect.DeepEqual(got, want) {
		t.Errorf("edited rename history = %q, want %q", got, want)
	}
	var kinds []string
	for _, ch := range log.Commits[3].Changes {
		kinds = append(kinds, ch.Kind.String()+" "+ch.Path)
	}
	if want := []string{"deleted gone.md", "renamed sub/new.md"}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("changes of the move = %q, want %q", kinds, want)
	}
}

// TestMerges: a clean merge changes nothing by itself; commits it brings in get its PR number;
// a merge that resolves a conflict counts for the path it resolved.
func TestMerges(t *testing.T) {
	r := newTestRepo(t)
	r.write("c/a.md", "a1")
	r.write("c/b.md", "b1")
	base := r.commit("Base", "Ada Lovelace")
	r.checkout("feature", true)
	r.write("c/a.md", "a2 from feature")
	feature := r.commit("Reword a", "Grace Hopper")
	r.checkout("master", false)
	r.write("c/b.md", "b2 on main")
	main := r.commit("Reword b on main", "Ada Lovelace")
	r.write("c/a.md", "a2 from feature")
	merge := r.commit("Merge pull request #7 from grace/feature", "Ada Lovelace", main, feature)
	_ = base

	log := r.read("c")
	if got, want := subjects(t, log, "a.md"), []string{"Reword a", "Base"}; !reflect.DeepEqual(got, want) {
		t.Errorf("a.md history = %q, want %q", got, want)
	}
	if got := log.Files["a.md"].Commits[0].PR; got != 7 {
		t.Errorf("feature commit PR = %d, want 7 from the merge", got)
	}
	if got := log.Files["b.md"].Commits[0].PR; got != 0 {
		t.Errorf("main-line commit PR = %d, want 0", got)
	}
	for _, c := range log.Commits {
		if c.Hash == merge.String() {
			t.Error("a clean merge is in the changelog")
		}
	}

	// Now a conflicting change, resolved in the merge by a third text.
	r.checkout("other", true)
	r.write("c/b.md", "b3 other")
	other := r.commit("Other b", "Ken Thompson")
	r.checkout("master", false)
	r.write("c/b.md", "b3 main")
	main2 := r.commit("Main b", "Ada Lovelace")
	r.write("c/b.md", "b3 resolved")
	r.commit("Merge branch 'other'", "Ada Lovelace", main2, other)
	log = r.read("c")
	if got, want := subjects(t, log, "b.md"), []string{"Merge branch 'other'", "Main b", "Other b", "Reword b on main", "Base"}; !reflect.DeepEqual(got, want) {
		t.Errorf("b.md history = %q, want %q", got, want)
	}
}

// TestOddNames: non-ASCII, spaces and punctuation in paths.
func TestOddNames(t *testing.T) {
	r := newTestRepo(t)
	names := []string{"räksmörgås.md", "日本語/ページ.md", "with space & 'quotes'.md", "ÄÖ/#hash%.md"}
	for _, n := range names {
		r.write("content/"+n, n)
	}
	r.commit("Add odd names", "Zoë Åström")
	r.write("content/日本語/ページ.md", "更新")
	r.commit("更新しました", "Zoë Åström")
	log := r.read("content")
	for _, n := range names {
		if f := log.Files[n]; f == nil || f.Created == nil {
			t.Errorf("%s: no history (files %q)", n, keys(log.Files))
		}
	}
	if got, want := subjects(t, log, "日本語/ページ.md"), []string{"更新しました", "Add odd names"}; !reflect.DeepEqual(got, want) {
		t.Errorf("history = %q, want %q", got, want)
	}
	if a := log.Files["räksmörgås.md"].Commits[0].Author; a != "Zoë Åström" {
		t.Errorf("author = %q", a)
	}
}

// TestShallowClone: a clone made with `git clone --depth 2` says its history is truncated and
// never claims the boundary commit created anything.
func TestShallowClone(t *testing.T) {
	gitBin(t)
	r := newTestRepo(t)
	r.write("content/old.md", "v1")
	r.commit("One", "Ada Lovelace")
	r.write("content/old.md", "v2")
	r.commit("Two", "Ada Lovelace")
	r.write("content/new.md", "n1")
	r.commit("Three", "Grace Hopper")
	r.write("content/old.md", "v3")
	r.commit("Four", "Grace Hopper")
	clone := filepath.Join(t.TempDir(), "clone")
	runGit(t, "", "clone", "-q", "--depth", "2", "file://"+r.dir, clone)

	log := readBoth(t, filepath.Join(clone, "content"))
	if !log.Shallow || log.Boundary.IsZero() {
		t.Fatalf("shallow = %v, boundary %v", log.Shallow, log.Boundary)
	}
	old := log.Files["old.md"]
	if got, want := subjects(t, log, "old.md"), []string{"Four"}; !reflect.DeepEqual(got, want) {
		t.Errorf("old.md = %q, want %q (the boundary commit Three is not a change)", got, want)
	}
	if !old.Truncated || old.Created != nil {
		t.Errorf("old.md truncated %v, created %+v: want truncated and no creation", old.Truncated, old.Created)
	}
	nf := log.Files["new.md"]
	if len(nf.Commits) != 0 || !nf.Truncated || nf.Created != nil {
		t.Errorf("new.md (added at the boundary) commits %d truncated %v created %v", len(nf.Commits), nf.Truncated, nf.Created)
	}
}

// TestBloblessClone: a partial clone without blobs (extensions.partialClone, which go-git's
// PlainOpen refuses) is read all the same, since the walk reads trees only. Without blobs
// (and without fetching them) a rename with edits cannot be told from a new file: the moved
// page's history starts at the move, on both routes.
func TestBloblessClone(t *testing.T) {
	gitBin(t)
	r := newTestRepo(t)
	r.write("content/a.md", "a1")
	r.write("content/long.md", "one\ntwo\nthree\nfour\n")
	r.commit("One", "Ada Lovelace")
	r.write("content/a.md", "a2")
	r.commit("Two", "Ada Lovelace")
	r.remove("content/long.md")
	r.write("content/moved.md", "one\ntwo\nthree\nfour\nfive\n")
	r.commit("Move long with an edit", "Ada Lovelace")
	runGit(t, r.dir, "config", "uploadpack.allowFilter", "true")
	clone := filepath.Join(t.TempDir(), "clone")
	runGit(t, "", "clone", "-q", "--filter=blob:none", "--no-checkout", "file://"+r.dir, clone)
	if cfg := runGit(t, clone, "config", "--get", "remote.origin.promisor"); strings.TrimSpace(cfg) != "true" {
		t.Fatal("clone is not partial")
	}
	// Newer git versions also set extensions.partialClone, which go-git's PlainOpen refuses.
	runGit(t, clone, "config", "extensions.partialClone", "origin")
	if _, err := git.PlainOpen(clone); err == nil {
		t.Log("go-git now opens partial clones itself")
	}
	os.MkdirAll(filepath.Join(clone, "content"), 0o755)
	log := readBoth(t, filepath.Join(clone, "content"))
	rp, err := open(clone)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := object.GetBlob(rp.store, plumbing.NewHash(log.Files["a.md"].Blob)); !errors.Is(err, plumbing.ErrObjectNotFound) {
		t.Fatalf("the clone holds the blob (err %v): the test proves nothing", err)
	}
	if got, want := subjects(t, log, "a.md"), []string{"Two", "One"}; !reflect.DeepEqual(got, want) {
		t.Errorf("history = %q, want %q", got, want)
	}
	if got, want := subjects(t, log, "moved.md"), []string{"Move long with an edit"}; !reflect.DeepEqual(got, want) {
		t.Errorf("moved.md history in a blobless clone = %q, want %q", got, want)
	}
	if full := r.read("content"); !reflect.DeepEqual(subjects(t, full, "moved.md"), []string{"Move long with an edit", "One"}) {
		t.Errorf("moved.md history in the full repository = %q", subjects(t, full, "moved.md"))
	}
}

// TestUnreadable: an extension go-git does not understand is an UnreadableError, not a crash;
// a folder outside any repository is ErrNoRepository.
func TestUnreadable(t *testing.T) {
	r := newTestRepo(t)
	r.write("content/a.md", "a")
	r.commit("One", "Ada Lovelace")
	cfg := filepath.Join(r.dir, ".git", "config")
	data, _ := os.ReadFile(cfg)
	data = []byte(strings.Replace(string(data), "repositoryformatversion = 0", "repositoryformatversion = 1", 1) + "[extensions]\n\trefStorage = reftable\n")
	os.WriteFile(cfg, data, 0o644)
	_, _, err := Read(Options{Dir: filepath.Join(r.dir, "content")})
	var ue *UnreadableError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "refStorage") {
		t.Errorf("err = %v, want an UnreadableError naming the extension", err)
	}

	if _, _, err := Read(Options{Dir: t.TempDir()}); !errors.Is(err, ErrNoRepository) {
		t.Errorf("outside a repository: err = %v", err)
	}
}

// TestCache: a rebuild at the same HEAD walks nothing; after a new commit it walks one, and the
// result equals a read without cache.
func TestCache(t *testing.T) {
	r := newTestRepo(t)
	cacheDir := t.TempDir()
	r.write("content/a.md", "a1")
	r.commit("One", "Ada Lovelace")
	r.write("content/b.md", "b1")
	r.commit("Two (#3)", "Grace Hopper")
	read := func() (*Log, Stats) {
		log, st, err := Read(Options{Dir: filepath.Join(r.dir, "content"), CacheDir: cacheDir})
		if err != nil {
			t.Fatal(err)
		}
		return log, st
	}
	if _, st := read(); st.Walked != 2 || st.Cached != 0 {
		t.Errorf("first read: %+v", st)
	}
	if _, st := read(); st.Walked != 0 || !st.Hit {
		t.Errorf("second read: %+v, want no walk", st)
	}
	r.write("content/a.md", "a2")
	r.commit("Three", "Ken Thompson")
	log, st := read()
	if st.Walked != 1 || st.Cached != 2 {
		t.Errorf("after a commit: %+v, want one commit walked", st)
	}
	if again, st := read(); !st.Hit || dumpLog(again) != dumpLog(log) {
		t.Errorf("read at the same HEAD: %+v, or a different log", st)
	}
	fresh := r.read("content")
	if !reflect.DeepEqual(summary(log), summary(fresh)) {
		t.Errorf("cached read differs from fresh:\n%v\n%v", summary(log), summary(fresh))
	}
}

func summary(log *Log) []string {
	var out []string
	for _, c := range log.Commits {
		out = append(out, c.Hash+" "+c.Subject+" "+c.Date.String())
		for _, ch := range c.Changes {
			out = append(out, "  "+ch.Kind.String()+" "+ch.Path+" "+ch.From)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(log.Files)) {
		f := log.Files[p]
		line := p + " " + f.Blob
		for _, c := range f.Commits {
			line += " " + c.Hash[:7]
		}
		out = append(out, line)
	}
	return out
}

func TestPRNumber(t *testing.T) {
	for _, tc := range []struct {
		msg  string
		want int
	}{
		{"Fix the escalation rule (#123)", 123},
		{"Revert \"Add x (#4)\" (#9)", 9},
		{"Merge pull request #77 from a/b\n\nWords (#3)", 77},
		{"Merge branch 'x' into 'main'\n\nTitle\n\nSee merge request group/sub/project!42", 42},
		{"Fix #12 in passing", 0},
		{"Plain commit", 0},
	} {
		if got := prNumber(tc.msg); got != tc.want {
			t.Errorf("prNumber(%q) = %d, want %d", tc.msg, got, tc.want)
		}
	}
}
