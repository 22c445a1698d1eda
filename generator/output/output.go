// Package output is the write stage. A build is written into a folder beside the target and,
// only when the whole build has been written, swapped into place in one atomic step: a build that
// fails leaves the previous output untouched, and a reader never sees a half-written site.
//
// The folder a build is written into is, when there is one, the spare left by the build before
// last: the output folder keeps a manifest of its files and their content hashes, so a build
// rewrites only the files whose content changed and removes the ones that went away, instead of
// creating thousands of files and folders and deleting as many. Creating files is what a build
// of a large site spends most of its time on.
//
// cmplay only ever deletes what it made: its temporary and spare folders beside the target and
// files inside an output folder that carries its marker. It refuses targets that are "/", the
// site itself, or a folder that contains the site, and a non-empty folder it did not create.
package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/cmplay/cmplay/internal/parallel"
)

// Marker is the file cmplay leaves in every output folder to recognise it as its own.
const Marker = ".cmplay-output"

// Manifest lists the files of the build in an output folder with a hash and the size of each.
const Manifest = ".cmplay-manifest"

const markerText = "This folder is written by cmplay build and replaced whole on every build.\n"

// Writer receives the files of a build.
type Writer interface {
	// WriteFile stores data at a slash-separated path below the output root.
	WriteFile(name string, data []byte) error
}

// Dir writes a build into a work folder and swaps it in with Commit.
//
// The work folder is chosen on the first write, not when the Dir is made: a build that finds
// the output already up to date (Intact) ends with Keep and touches nothing.
type Dir struct {
	target   string
	work     string
	reused   bool             // work is the spare tree of an earlier build
	old      map[string]entry // what work holds; nil when unknown
	prepare  sync.Once        // chooses the work folder and starts the writers
	prepared bool
	jobs     chan job
	wg       sync.WaitGroup
	once     sync.Once
	mu       sync.Mutex // guards made, files and err
	made     map[string]bool
	files    map[string]entry // the new build
	err      error
	written  string   // the hash of the manifest Commit wrote
	lock     *os.File // the target's lock, held from NewDir to Commit, Abort or Keep
}

// entry is one file of a build as its manifest lists it.
type entry struct {
	hash string
	size int64
}

// NewDir prepares to write a build to target. source is the site folder, which target must
// neither be nor contain.
func NewDir(target, source string) (*Dir, error) { return NewDirWith(target, source, Options{}) }

// NewDirWith is NewDir with options for the wait on another build of the same folder.
func NewDirWith(target, source string, opt Options) (*Dir, error) {
	t, err := filepath.Abs(target)
	if err != nil {
		return nil, err
	}
	if t, err = followLink(t); err != nil {
		return nil, err
	}
	if err := checkTarget(t, source); err != nil {
		return nil, err
	}
	parent := filepath.Dir(t)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	lk, err := lock(t, opt)
	if err != nil {
		return nil, err
	}
	d, err := newDir(t, lk)
	if err != nil {
		lk.Close()
		return nil, err
	}
	return d, nil
}

// followLink resolves an output path that is a symbolic link ("public" → /var/www/site): the
// build is swapped in beside the folder the link names, so the link stays and its target is
// updated. A link to nothing is refused rather than replaced.
func followLink(t string) (string, error) {
	st, err := os.Lstat(t)
	if err != nil || st.Mode()&os.ModeSymlink == 0 {
		return t, nil
	}
	real, err := filepath.EvalSymlinks(t)
	if err != nil {
		dest, _ := os.Readlink(t)
		return "", fmt.Errorf("output: %s is a symbolic link to %s, which does not exist; create that folder, or choose another --out", t, dest)
	}
	if st, err := os.Stat(real); err != nil || !st.IsDir() {
		return "", fmt.Errorf("output: %s is a symbolic link to %s, which is not a folder; choose another --out", t, real)
	}
	return real, nil
}

// newDir prepares a Dir for the target; the caller holds the target's lock.
func newDir(t string, lk *os.File) (*Dir, error) {
	removeStale(filepath.Dir(t), filepath.Base(t))
	d := &Dir{target: t, lock: lk, made: map[string]bool{}, files: map[string]entry{}}
	d.files[Marker] = entry{hash([]byte(markerText)), int64(len(markerText))}
	return d, nil
}

// ready chooses the work folder, once, and starts the writers: the spare when there is one,
// a new temporary folder otherwise. An error is the build's: Commit returns it.
func (d *Dir) ready() {
	d.prepare.Do(func() {
		d.prepared = true
		if err := d.chooseWork(); err != nil {
			d.err = fmt.Errorf("output: %w", err)
			return // no writers: WriteFile and Commit return the error
		}
		d.start()
	})
}

func (d *Dir) chooseWork() error {
	if spare := sparePath(d.target); ours(spare) {
		d.work, d.reused = spare, true
		d.old = readManifest(spare)
		// The spare is about to change: drop its manifest first, so that if this build dies
		// half-way the next one rewrites the folder whole instead of trusting a stale list.
		if err := os.Remove(filepath.Join(spare, Manifest)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	work, err := os.MkdirTemp(filepath.Dir(d.target), tmpPrefix(filepath.Base(d.target)))
	if err != nil {
		return err
	}
	d.work = work
	if err := os.Chmod(work, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(work, Marker), []byte(markerText), 0o644)
}

func tmpPrefix(base string) string { return "." + base + ".cmplay-tmp-" }

// sparePath is where the previous build is kept for the next one to update.
func sparePath(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".cmplay-spare")
}

func ours(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, Marker))
	return err == nil && st.Mode().IsRegular()
}

// removeStale deletes temporary folders left by builds that were killed; they carry cmplay's
// own prefix and marker, so nothing else can match.
func removeStale(parent, base string) {
	matches, _ := filepath.Glob(filepath.Join(parent, tmpPrefix(base)+"*"))
	for _, m := range matches {
		if ours(m) {
			os.RemoveAll(m)
		}
	}
}

func hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

// readManifest reads an output folder's list of files, lines of "hash size path"; nil when it
// has none or it is damaged (or of an older format).
func readManifest(dir string) map[string]entry {
	data, err := os.ReadFile(filepath.Join(dir, Manifest))
	if err != nil {
		return nil
	}
	return parseManifest(data)
}

func parseManifest(data []byte) map[string]entry {
	m := map[string]entry{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		h, rest, ok := strings.Cut(sc.Text(), " ")
		size, p, ok2 := strings.Cut(rest, " ")
		n, err := strconv.ParseInt(size, 10, 64)
		if !ok || !ok2 || err != nil || n < 0 || len(h) != 32 || p == "" {
			return nil
		}
		m[p] = entry{h, n}
	}
	if sc.Err() != nil {
		return nil
	}
	return m
}

func checkTarget(t, source string) error {
	if t == filepath.Dir(t) {
		return fmt.Errorf("output: refusing to write to %s: the output folder cannot be a filesystem root", t)
	}
	if home, err := os.UserHomeDir(); err == nil && t == filepath.Clean(home) {
		return fmt.Errorf("output: refusing to write to your home folder %s", t)
	}
	if source != "" {
		s, err := filepath.Abs(source)
		if err != nil {
			return err
		}
		if s, err2 := filepath.EvalSymlinks(s); err2 == nil {
			source = s
		} else {
			source = s
		}
		real := t
		if r, err := filepath.EvalSymlinks(t); err == nil {
			real = r
		}
		if real == source || strings.HasPrefix(source+string(filepath.Separator), real+string(filepath.Separator)) {
			return fmt.Errorf("output: refusing to write to %s: it is or contains the site folder %s", t, source)
		}
	}
	entries, err := os.ReadDir(t)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(t, Marker)); err != nil {
		return fmt.Errorf("output: refusing to replace %s: it is not empty and was not written by cmplay (no %s file); remove it or choose another --out", t, Marker)
	}
	return nil
}

// ioWorkers is how many files are written at once. Creating files and folders is bound by the
// file system's latency, not by CPU, so this is well above the number of cores.
const ioWorkers = 16

type job struct {
	path string
	data []byte
}

func (d *Dir) start() {
	d.jobs = make(chan job, 256)
	for i := 0; i < ioWorkers; i++ {
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			for j := range d.jobs {
				if err := d.writeNow(j.path, j.data); err != nil {
					d.fail(err)
				}
			}
		}()
	}
}

func (d *Dir) fail(err error) {
	d.mu.Lock()
	if d.err == nil {
		d.err = err
	}
	d.mu.Unlock()
}

// WriteFile records one file of the build and queues it for writing, unless the work folder
// already holds exactly that content. Writes happen on a pool of I/O workers; any error is
// returned by Commit. data must not be changed afterwards. Safe for concurrent use.
func (d *Dir) WriteFile(name string, data []byte) error {
	clean := filepath.Clean(filepath.FromSlash(name))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return fmt.Errorf("output: %q is outside the output folder", name)
	}
	d.ready()
	if d.jobs == nil {
		return d.err
	}
	key, e := filepath.ToSlash(clean), entry{hash(data), int64(len(data))}
	d.mu.Lock()
	d.files[key] = e
	same := d.old != nil && d.old[key] == e
	d.mu.Unlock()
	if !same {
		d.jobs <- job{filepath.Join(d.work, clean), data}
	}
	return nil
}

func (d *Dir) writeNow(full string, data []byte) error {
	err := d.create(full, data)
	if err != nil && d.reused {
		// In a reused folder a path may be taken by the other kind of entry (a file where the new
		// build has a folder, or the reverse): clear the way inside the work folder and retry.
		d.clearPath(full)
		err = d.create(full, data)
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

func (d *Dir) create(full string, data []byte) error {
	dir := filepath.Dir(full)
	d.mu.Lock()
	made := d.made[dir]
	d.mu.Unlock()
	if !made {
		// MkdirAll tolerates another worker creating the same folder at the same time.
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		d.mu.Lock()
		d.made[dir] = true
		d.mu.Unlock()
	}
	return os.WriteFile(full, data, 0o644)
}

func (d *Dir) clearPath(full string) {
	rel, err := filepath.Rel(d.work, full)
	if err != nil || strings.HasPrefix(rel, "..") {
		return
	}
	p := d.work
	for _, part := range strings.Split(filepath.Dir(rel), string(filepath.Separator)) {
		if part == "." {
			break
		}
		p = filepath.Join(p, part)
		if st, err := os.Lstat(p); err == nil && !st.IsDir() {
			os.Remove(p)
			break
		}
	}
	if st, err := os.Lstat(full); err == nil && st.IsDir() {
		os.RemoveAll(full)
	}
}

// wait lets the queued writes finish and returns the first error.
func (d *Dir) wait() error {
	d.once.Do(func() {
		if d.jobs != nil {
			close(d.jobs)
		}
	})
	d.wg.Wait()
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

// Commit waits for every queued write, removes from a reused folder what the new build does not
// have, records the manifest and swaps the folder into place. The previous build is kept as the
// spare the next build updates.
func (d *Dir) Commit() error {
	defer d.unlock()
	d.ready()
	if err := d.wait(); err != nil {
		return err
	}
	if d.reused {
		if err := d.prune(); err != nil {
			return fmt.Errorf("output: %w", err)
		}
	}
	m := d.manifest()
	if err := os.WriteFile(filepath.Join(d.work, Manifest), m, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	d.written = hash(m)
	if _, err := os.Lstat(d.target); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(d.work, d.target); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		return nil
	}
	if err := exchange(d.work, d.target); err != nil {
		return fmt.Errorf("output: swap %s into place: %w", d.target, err)
	}
	// d.work now holds the previous build: keep it as the spare, unless something that is not
	// ours sits at the spare's name.
	spare := sparePath(d.target)
	if d.work == spare {
		return nil
	}
	if _, err := os.Lstat(spare); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(d.work, spare); err == nil {
			return nil
		}
	}
	if err := removeParallel(d.work); err != nil {
		return fmt.Errorf("output: remove previous build: %w", err)
	}
	return nil
}

func (d *Dir) manifest() []byte {
	paths := make([]string, 0, len(d.files))
	for p := range d.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b bytes.Buffer
	for _, p := range paths {
		e := d.files[p]
		fmt.Fprintf(&b, "%s %d %s\n", e.hash, e.size, p)
	}
	return b.Bytes()
}

// prune removes from a reused folder every file the new build did not write, and the folders
// that leaves empty.
func (d *Dir) prune() error {
	var gone []string
	if d.old != nil {
		for p := range d.old {
			if _, ok := d.files[p]; !ok {
				gone = append(gone, filepath.Join(d.work, filepath.FromSlash(p)))
			}
		}
	} else {
		err := filepath.WalkDir(d.work, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(d.work, p)
			if _, ok := d.files[filepath.ToSlash(rel)]; !ok && rel != Manifest {
				gone = append(gone, p)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, p := range gone {
		os.Remove(p)
		for dir := filepath.Dir(p); dir != d.work && strings.HasPrefix(dir, d.work); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil { // not empty: stop climbing
				break
			}
		}
	}
	return nil
}

// removeParallel deletes a folder, its top-level entries concurrently.
func removeParallel(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	// Errors are left to the last RemoveAll, which reports what could not be removed.
	parallel.Each(len(entries), ioWorkers, func(i int) error {
		os.RemoveAll(filepath.Join(dir, entries[i].Name()))
		return nil
	})
	return os.RemoveAll(dir)
}

// Abort discards the build. A fresh work folder is removed; a reused spare is left without a
// manifest, so the next build rewrites it whole. The output folder is untouched either way.
func (d *Dir) Abort() {
	defer d.unlock()
	if !d.prepared {
		return // nothing was written
	}
	d.wait()
	if !d.reused && d.work != "" {
		os.RemoveAll(d.work)
	}
}

// Written names the build Commit swapped in: a hash of its manifest, which lists every file
// with a hash of its content. "" before Commit.
func (d *Dir) Written() string { return d.written }

// Intact names the build now in the output folder as Written named it, when the folder is as
// that build left it: cmplay's, with every file its manifest lists present as a regular file
// of the listed size. ok is false when there is no such build or a file is missing or changed.
func (d *Dir) Intact() (build string, ok bool) {
	if !ours(d.target) {
		return "", false
	}
	m, err := os.ReadFile(filepath.Join(d.target, Manifest))
	if err != nil {
		return "", false
	}
	files := parseManifest(m)
	if files == nil {
		return "", false
	}
	names := make([]string, 0, len(files))
	for p := range files {
		names = append(names, p)
	}
	err = parallel.Each(len(names), ioWorkers, func(i int) error {
		st, err := os.Lstat(filepath.Join(d.target, filepath.FromSlash(names[i])))
		if err != nil || !st.Mode().IsRegular() || st.Size() != files[names[i]].size {
			return errChanged
		}
		return nil
	})
	return hash(m), err == nil
}

var errChanged = errors.New("changed")

// Keep ends a build that writes nothing because the output folder is already what it would
// write: the output folder and the spare stay as they are.
func (d *Dir) Keep() { d.Abort() }

// unlock lets the next build of this output folder go ahead; closing the file drops the flock.
func (d *Dir) unlock() {
	if d.lock != nil {
		d.lock.Close()
		d.lock = nil
	}
}

// Target is the absolute output folder.
func (d *Dir) Target() string { return d.target }
