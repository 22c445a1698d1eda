package history

import (
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cmplay/cmplay/internal/sitetest"
)

// TestRealRepository reads the CHAOSS community handbook, a real repository with merges and
// renames, and compares every Markdown file's history with git's:
//
//   - the non-merge commits equal `git log --full-history --no-merges -- <path>` (the history
//     of the path itself, as git records it), for files whose history has no exact rename;
//   - a file followed across exact renames has, back to its newest rename, exactly the commits
//     of `git log --full-history` for its path; how many equal `git log --follow` is logged.
func TestRealRepository(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped under -short: clones a real repository and runs git log for each of its files")
	}
	chaossBundle := sitetest.Shared(t, "corpora/chaoss-community-handbook.bundle")
	gitBin(t)
	dir := filepath.Join(t.TempDir(), "chaoss")
	runGit(t, "", "clone", "-q", chaossBundle, dir)
	log, st, err := Read(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d commits walked, %d changed files, %d files at HEAD", st.Walked, len(log.Commits), len(log.Files))
	merges := map[string]bool{}
	for _, h := range strings.Fields(runGit(t, dir, "log", "--merges", "--format=%H")) {
		merges[h] = true
	}
	checked, renamed, same := 0, 0, 0
	for _, p := range slices.Sorted(maps.Keys(log.Files)) {
		if !strings.HasSuffix(p, ".md") {
			continue
		}
		f := log.Files[p]
		var mine []string
		follows := false
		for _, c := range f.Commits {
			if ch, _ := f.ChangeFor(c); ch.Kind == Renamed {
				follows = true
			}
			if !merges[c.Hash] {
				mine = append(mine, c.Hash)
			}
		}
		own := strings.Fields(runGit(t, dir, "log", "--full-history", "--no-merges", "--format=%H", "--", p))
		sort.Strings(mine)
		sort.Strings(own)
		if !follows {
			if !reflect.DeepEqual(mine, own) {
				t.Errorf("%s: %d commits, git log --full-history has %d\nmine: %.8s\ngit:  %.8s", p, len(mine), len(own), mine, own)
			}
			checked++
			continue
		}
		// Followed across renames: up to the newest rename, the history is the path's own, as
		// git records it; older commits come from the file's earlier names. git's --follow also
		// pairs renames with edits and copies by similarity, which needs blobs, and may pair
		// identical files (GitBook's "untitled" placeholders) differently: logged, not failed.
		renamed++
		var upToRename []string
		for _, c := range f.Commits {
			if !merges[c.Hash] {
				upToRename = append(upToRename, c.Hash)
			}
			if ch, _ := f.ChangeFor(c); ch.Kind == Renamed {
				break
			}
		}
		ownUpTo := map[string]bool{}
		for _, h := range strings.Fields(runGit(t, dir, "log", "--full-history", "--no-merges", "--format=%H", upToRename[len(upToRename)-1]+"^!", "HEAD", "--", p)) {
			ownUpTo[h] = true
		}
		for _, h := range upToRename {
			if !ownUpTo[h] {
				t.Errorf("%s: commit %.8s is not in git log --full-history -- %s", p, h, p)
			}
			delete(ownUpTo, h)
		}
		if len(ownUpTo) > 0 {
			t.Errorf("%s: commits of git log -- %s missing since its last rename: %.8s", p, p, keys(ownUpTo))
		}
		follow := strings.Fields(runGit(t, dir, "log", "--follow", "--no-merges", "--format=%H", "--", p))
		sort.Strings(follow)
		if !reflect.DeepEqual(mine, follow) {
			t.Logf("%s: %d commits, git log --follow has %d (similarity renames and copies)", p, len(mine), len(follow))
		}
		if reflect.DeepEqual(mine, follow) {
			same++
		}
		checked++
	}
	if checked < 10 {
		t.Fatalf("only %d Markdown files checked", checked)
	}
	t.Logf("%d Markdown files agree with git log; %d followed across exact renames, of which %d equal git log --follow", checked, renamed, same)
}
