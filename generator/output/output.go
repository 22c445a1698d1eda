// Package output is the write stage. A build writes every file into a fresh temporary folder
// beside the target and, only when the whole build has been written, swaps it into place: a build
// that fails leaves the previous output untouched, and a reader never sees a half-written site.
//
// cmplay only ever deletes what it made: the temporary folders it creates, and an output folder
// that carries its marker file. It refuses targets that are "/", the site itself, or a folder
// that contains the site, and a non-empty folder it did not create.
package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Marker is the file cmplay leaves in every output folder to recognise it as its own.
const Marker = ".cmplay-output"

// Writer receives the files of a build.
type Writer interface {
	// WriteFile stores data at a slash-separated path below the output root.
	WriteFile(name string, data []byte) error
}

// Dir writes a build into a temporary folder and swaps it in with Commit.
type Dir struct {
	target string
	tmp    string
	jobs   chan job
	wg     sync.WaitGroup
	once   sync.Once
	mu     sync.Mutex // guards made and err
	made   map[string]bool
	err    error
}

// NewDir prepares to write a build to target. source is the site folder, which target must
// neither be nor contain.
func NewDir(target, source string) (*Dir, error) {
	t, err := filepath.Abs(target)
	if err != nil {
		return nil, err
	}
	if err := checkTarget(t, source); err != nil {
		return nil, err
	}
	parent := filepath.Dir(t)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	removeStale(parent, filepath.Base(t))
	tmp, err := os.MkdirTemp(parent, tmpPrefix(filepath.Base(t)))
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	d := &Dir{target: t, tmp: tmp, made: map[string]bool{}}
	d.start()
	return d, d.WriteFile(Marker, []byte("This folder is written by cmplay build and replaced whole on every build.\n"))
}

func tmpPrefix(base string) string { return "." + base + ".cmplay-tmp-" }

// removeStale deletes temporary folders left by builds that were killed; they carry cmplay's
// own prefix, so nothing else can match.
func removeStale(parent, base string) {
	matches, _ := filepath.Glob(filepath.Join(parent, tmpPrefix(base)+"*"))
	for _, m := range matches {
		if _, err := os.Stat(filepath.Join(m, Marker)); err == nil {
			os.RemoveAll(m)
		}
	}
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

// WriteFile queues one file of the build; it is written by a pool of I/O workers and any error
// is returned by Commit. data must not be changed afterwards. Safe for concurrent use.
func (d *Dir) WriteFile(name string, data []byte) error {
	clean := filepath.Clean(filepath.FromSlash(name))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return fmt.Errorf("output: %q is outside the output folder", name)
	}
	d.jobs <- job{filepath.Join(d.tmp, clean), data}
	return nil
}

func (d *Dir) writeNow(full string, data []byte) error {
	dir := filepath.Dir(full)
	d.mu.Lock()
	made := d.made[dir]
	d.mu.Unlock()
	if !made {
		// MkdirAll tolerates another worker creating the same folder at the same time.
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		d.mu.Lock()
		d.made[dir] = true
		d.mu.Unlock()
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// wait lets the queued writes finish and returns the first error.
func (d *Dir) wait() error {
	d.once.Do(func() { close(d.jobs) })
	d.wg.Wait()
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

// Commit waits for every queued write, swaps the finished build into place and removes the
// previous one.
func (d *Dir) Commit() error {
	if err := d.wait(); err != nil {
		return err
	}
	if _, err := os.Lstat(d.target); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(d.tmp, d.target); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		return nil
	}
	if err := exchange(d.tmp, d.target); err != nil {
		return fmt.Errorf("output: swap %s into place: %w", d.target, err)
	}
	// d.tmp now holds the previous build.
	if err := removeParallel(d.tmp); err != nil {
		return fmt.Errorf("output: remove previous build: %w", err)
	}
	return nil
}

// removeParallel deletes a folder, its top-level entries concurrently.
func removeParallel(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, ioWorkers)
	for _, e := range entries {
		wg.Add(1)
		sem <- struct{}{}
		go func(p string) {
			defer wg.Done()
			os.RemoveAll(p)
			<-sem
		}(filepath.Join(dir, e.Name()))
	}
	wg.Wait()
	return os.RemoveAll(dir)
}

// Abort discards the temporary folder, leaving the previous output as it was.
func (d *Dir) Abort() {
	d.wait()
	os.RemoveAll(d.tmp)
}

// Target is the absolute output folder.
func (d *Dir) Target() string { return d.target }
