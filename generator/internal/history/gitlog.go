package history

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// The git binary, when there is one, reads history many times faster than go-git can: go-git
// decodes every tree of every commit from the packfiles in Go (about 20× `git log` on a
// 10,000-commit repository, see BenchmarkHistory), while `git log` diffs trees in C with its
// own caches. walkGit makes the same nodes as walk from two `git log` runs read in parallel:
// one for the commit graph and messages of every commit, one for the raw changes below the
// content folder. TestGitMatchesGoGit holds the two routes to identical logs.

// gitBinary is the git command on PATH, "" when there is none.
func gitBinary() string {
	p, err := exec.LookPath("git")
	if err != nil {
		return ""
	}
	return p
}

// walkGit adds to nodes every commit reachable from head that nodes does not hold, reading the
// repository with the git binary at bin. On an error nodes is left as it was.
func (w *walker) walkGit(bin string, head plumbing.Hash, nodes map[plumbing.Hash]*node) (int, error) {
	var stop strings.Builder // the cached commits no cached commit descends from: where to stop
	child := map[plumbing.Hash]bool{}
	for _, n := range nodes {
		for _, p := range n.Parents {
			child[p] = true
		}
	}
	for h := range nodes {
		if !child[h] {
			stop.WriteString("^" + h.String() + "\n")
		}
	}
	type result struct {
		changes map[plumbing.Hash][]rawChange
		err     error
	}
	done := make(chan result, 1)
	go func() {
		args := []string{"log", "-z", "--raw", "-c", "--root", "--no-renames", "--no-abbrev", "--full-history",
			"--format=%x01%H", "--stdin", head.String()}
		if prefix := strings.Join(w.prefix, "/"); prefix != "" {
			args = append(args, "--", prefix)
		}
		var ch map[plumbing.Hash][]rawChange
		err := w.git(bin, stop.String(), args, func(r *bufio.Reader) error {
			var err error
			ch, err = parseRaw(r, len(w.prefix) > 0, strings.Join(w.prefix, "/")+"/")
			return err
		})
		done <- result{ch, err}
	}()
	added := map[plumbing.Hash]*node{}
	err := w.git(bin, stop.String(), []string{"log", "--format=%x01%H%x00%P%x00%ct%x00%cI%x00%an%x00%ae%x00%B%x00", "--stdin", head.String()},
		func(r *bufio.Reader) error { return parseCommits(r, w.shallow, added) })
	res := <-done
	if err = errors.Join(err, res.err); err != nil {
		return 0, err
	}
	// A first pairing asks for the blobs rename detection compares; git reads them all at once.
	want := map[plumbing.Hash]bool{}
	for h, n := range added {
		if raw := res.changes[h]; len(raw) > 0 && !n.Boundary {
			pairRenames(raw, func(b plumbing.Hash) ([]byte, bool) { want[b] = true; return nil, false })
		}
	}
	var read func(plumbing.Hash) ([]byte, bool)
	if !w.r.partial {
		blobs, err := w.catBlobs(bin, want)
		if err != nil {
			return 0, err
		}
		read = func(b plumbing.Hash) ([]byte, bool) { data, ok := blobs[b]; return data, ok }
	}
	for h, n := range added {
		if raw := res.changes[h]; len(raw) > 0 && n.Rec != nil && !n.Boundary {
			n.Rec.Changes = pairRenames(raw, read)
		} else {
			n.Rec = nil
		}
		nodes[h] = n
	}
	return len(added), nil
}

// catBlobs reads blobs with one `git cat-file --batch`; those the repository lacks (a
// blobless clone: nothing is fetched) or larger than renameMaxBlob are left out.
func (w *walker) catBlobs(bin string, want map[plumbing.Hash]bool) (map[plumbing.Hash][]byte, error) {
	out := map[plumbing.Hash][]byte{}
	if len(want) == 0 {
		return out, nil
	}
	var in strings.Builder
	for h := range want {
		in.WriteString(h.String() + "\n")
	}
	err := w.git(bin, in.String(), []string{"cat-file", "--batch"}, func(r *bufio.Reader) error {
		for {
			head, err := r.ReadString('\n')
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			f := strings.Fields(head)
			if len(f) != 3 {
				continue // "<hash> missing"
			}
			size, err := strconv.Atoi(f[2])
			if err != nil {
				return fmt.Errorf("git cat-file: %q", head)
			}
			data := make([]byte, size+1) // the content and a newline
			if _, err := io.ReadFull(r, data); err != nil {
				return err
			}
			if f[1] == "blob" && size <= renameMaxBlob {
				out[plumbing.NewHash(f[0])] = data[:size]
			}
		}
	})
	return out, err
}

// git runs the git binary in the repository with stdin, handing its output to read.
func (w *walker) git(bin, stdin string, args []string, read func(*bufio.Reader) error) error {
	cmd := exec.Command(bin, append([]string{"-C", w.r.root, "-c", "core.quotepath=off", "-c", "log.showSignature=false"}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	// A partial clone must never fetch from its remote during a build (the walk needs no blob).
	cmd.Env = append(os.Environ(), "GIT_NO_LAZY_FETCH=1", "GIT_TERMINAL_PROMPT=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	rerr := read(bufio.NewReaderSize(out, 1<<16))
	io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return rerr
}

// parseCommits reads records "\x01hash\x00parents\x00unix time\x00ISO date\x00author\x00
// email\x00message\x00" into nodes, each with a Rec holding its metadata (dropped later when
// the commit changed nothing in the content folder).
func parseCommits(r *bufio.Reader, shallow map[plumbing.Hash]bool, nodes map[plumbing.Hash]*node) error {
	if _, err := r.ReadBytes(1); err != nil {
		return nil // no commits
	}
	for {
		rec, err := r.ReadBytes(1)
		if err != nil && err != io.EOF {
			return err
		}
		last := err == io.EOF
		f := bytes.Split(bytes.TrimSuffix(rec, []byte{1}), []byte{0})
		if len(f) < 7 {
			return fmt.Errorf("git log: short record %q", rec)
		}
		h := plumbing.NewHash(string(f[0]))
		unix, err := strconv.ParseInt(string(f[2]), 10, 64)
		if err != nil {
			return fmt.Errorf("git log: commit %s: date %q", h, f[2])
		}
		when := time.Unix(unix, 0).In(zoneOf(string(f[3])))
		msg := string(f[6])
		n := &node{Hash: h, When: normTime(when), PR: prNumber(msg), Boundary: shallow[h]}
		if !n.Boundary {
			for _, p := range strings.Fields(string(f[1])) {
				n.Parents = append(n.Parents, plumbing.NewHash(p))
			}
		}
		subject, _, _ := strings.Cut(strings.TrimSpace(msg), "\n")
		n.Rec = &Commit{Commit: commitFields(h.String(), string(f[4]), string(f[5]), n.When, strings.TrimSpace(subject), n.PR)}
		nodes[h] = n
		if last {
			return nil
		}
	}
}

// zoneOf is the fixed offset of an ISO 8601 date ("…+02:00", "…Z").
func zoneOf(iso string) *time.Location {
	if t, err := time.Parse(time.RFC3339, iso); err == nil {
		_, off := t.Zone()
		return time.FixedZone("", off)
	}
	return time.UTC
}

// parseRaw reads `git log -z --raw -c --format=%x01%H`: each commit's hash, then its raw
// change lines, each followed by its path. Paths are made relative to prefix (when cut).
func parseRaw(r *bufio.Reader, cut bool, prefix string) (map[plumbing.Hash][]rawChange, error) {
	out := map[plumbing.Hash][]rawChange{}
	var cur plumbing.Hash
	var pending []byte // a raw line waiting for its path
	for {
		tok, err := r.ReadBytes(0)
		if len(tok) > 0 {
			tok = bytes.TrimLeft(bytes.TrimSuffix(tok, []byte{0}), "\n")
			switch {
			case pending != nil:
				ch, ok, perr := rawLine(pending, string(tok), cut, prefix)
				if perr != nil {
					return nil, perr
				}
				if ok {
					out[cur] = append(out[cur], ch)
				}
				pending = nil
			case len(tok) > 0 && tok[0] == 1:
				cur = plumbing.NewHash(string(tok[1:]))
			case len(tok) > 0 && tok[0] == ':':
				pending = append([]byte(nil), tok...)
			}
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// rawLine turns one raw line (":old new oldhash newhash S" or, for a merge, "::m1 m2 m h1 h2
// h SS") and its path into a change, with its kind relative to the first parent as walk
// records it.
func rawLine(line []byte, path string, cut bool, prefix string) (rawChange, bool, error) {
	parents := 0
	for parents < len(line) && line[parents] == ':' {
		parents++
	}
	f := strings.Fields(string(line[parents:]))
	if len(f) != 2*(parents+1)+1 {
		return rawChange{}, false, fmt.Errorf("git log: raw line %q", line)
	}
	if cut {
		if !strings.HasPrefix(path, prefix) {
			return rawChange{}, false, nil
		}
		path = path[len(prefix):]
	}
	status := f[len(f)-1]
	first := plumbing.NewHash(f[parents+1]) // the first parent's blob
	blob := plumbing.NewHash(f[2*parents+1])
	ch := rawChange{Change: Change{Path: path, Kind: Modified}, blob: blob}
	switch status[0] {
	case 'A':
		ch.Kind = Added
	case 'D':
		ch.Kind, ch.blob = Deleted, first
	}
	return ch, true, nil
}
