package serve

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Debounce is how long the watcher waits after the last event of a burst before it reports the
// burst: long enough to fold an editor's rename-write-delete dance into one change, short enough
// not to be noticed.
const Debounce = 100 * time.Millisecond

// MaxWait bounds how long a burst may grow: while events keep coming (a file written in a loop,
// a long copy) the watcher still reports what it has at least this often, so a rebuild is never
// held back for as long as the writes last.
const MaxWait = 1 * time.Second

// WatchOptions say what to watch.
type WatchOptions struct {
	// Dirs are watched with everything below them, including folders created later.
	Dirs []string
	// Files are single files (cmplay.toml); their folder is watched and other names in it
	// ignored, so editors that replace the file by renaming keep being seen.
	Files []string
	// Skip are folders never watched or reported (the output folder, .git).
	Skip []string
	// Include are names starting with "." that a build reads all the same (.gitignore,
	// .gitbook.yaml, the dot folders cmplay.toml's include publishes), watched like any other.
	Include []string
	// Log receives the watcher's own messages (fallbacks, watch errors).
	Log io.Writer
	// Poll, when non-zero, polls at this interval instead of using file system events.
	Poll time.Duration
	// Quiet is how long no event must come for a burst to end; Debounce when zero. (A test on
	// a loaded machine, where an editor's save steps can be descheduled for longer, raises it.)
	Quiet time.Duration
}

// Watcher reports changed files in bursts. A burst is a list of absolute paths; a nil burst
// means the watcher lost track (its event queue overflowed) and everything may have changed.
type Watcher struct {
	opt     WatchOptions
	fsw     *fsnotify.Watcher
	batches chan []string
	done    chan struct{}
	once    sync.Once
	files   map[string]bool
	parents map[string]bool
}

// Watch starts watching. If the system runs out of watches (inotify's max_user_watches), it
// says so on Log and polls instead.
func Watch(opt WatchOptions) (*Watcher, error) {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	w := &Watcher{opt: opt, batches: make(chan []string), done: make(chan struct{}),
		files: map[string]bool{}, parents: map[string]bool{}}
	for i, d := range w.opt.Dirs {
		w.opt.Dirs[i], _ = filepath.Abs(d)
	}
	for i, s := range w.opt.Skip {
		w.opt.Skip[i], _ = filepath.Abs(s)
	}
	for _, f := range opt.Files {
		f, _ = filepath.Abs(f)
		w.files[f] = true
		w.parents[filepath.Dir(f)] = true
	}
	if opt.Poll > 0 {
		go w.poll(opt.Poll, w.snapshot())
		return w, nil
	}
	fsw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		fmt.Fprintf(opt.Log, "cmplay: cannot watch files (%v); polling every second instead\n", err)
		go w.poll(time.Second, w.snapshot())
		return w, nil
	}
	w.fsw = fsw
	if err := w.addAll(); err != nil {
		fsw.Close()
		w.fsw = nil
		if !outOfWatches(err) {
			return nil, err
		}
		fmt.Fprintf(opt.Log, limitMessage, err)
		go w.poll(time.Second, w.snapshot())
		return w, nil
	}
	go w.run()
	return w, nil
}

const limitMessage = "cmplay: the system's limit on watched folders is reached (%v); polling every second instead.\n" +
	"  On Linux, raise it with: sudo sysctl fs.inotify.max_user_watches=524288\n"

// outOfWatches reports the errors of a system that cannot watch one more folder.
func outOfWatches(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE)
}

// Batches delivers the bursts of changes.
func (w *Watcher) Batches() <-chan []string { return w.batches }

// Close stops watching.
func (w *Watcher) Close() error {
	w.once.Do(func() { close(w.done) })
	if w.fsw != nil {
		return w.fsw.Close()
	}
	return nil
}

func (w *Watcher) addAll() error {
	for p := range w.parents {
		if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	for _, d := range w.opt.Dirs {
		if _, err := os.Stat(d); errors.Is(err, fs.ErrNotExist) {
			// Watch the nearest folder that exists, to see this one appear (a theme folder
			// created after the server started).
			for a := filepath.Dir(d); a != filepath.Dir(a); a = filepath.Dir(a) {
				if err := w.fsw.Add(a); err == nil {
					break
				}
			}
			continue
		}
		if _, err := w.addTree(d); err != nil {
			return err
		}
	}
	return nil
}

// created handles a new folder: below a watched folder it is watched with everything in it; above
// one that did not exist yet it is watched until that one appears. It returns the files found.
func (w *Watcher) created(dir string) ([]string, error) {
	var found []string
	for _, d := range w.opt.Dirs {
		switch {
		case within(d, dir):
			return w.addTree(dir)
		case within(dir, d):
			w.fsw.Add(dir)
			if _, err := os.Stat(d); err == nil {
				f, _ := w.addTree(d)
				found = append(found, f...)
			} else {
				// Folders between dir and d may have been made before the watch on dir began.
				for a := filepath.Dir(d); within(dir, a) && a != dir; a = filepath.Dir(a) {
					w.fsw.Add(a)
				}
			}
		}
	}
	return found, nil
}

func within(dir, p string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}

// addTree watches dir and every folder below it, and returns the files found there: a folder
// created with files already in it (mkdir -p a/b/c; then a file) sends no event for them.
func (w *Watcher) addTree(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if w.ignored(p) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			found = append(found, p)
			return nil
		}
		if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
	return found, err
}

// ignored is true for paths no build reads: skipped folders, version control, and the temporary
// files editors write beside the file being saved.
func (w *Watcher) ignored(p string) bool {
	for _, s := range w.opt.Skip {
		if within(s, p) {
			return true
		}
	}
	name := filepath.Base(p)
	if slices.Contains(w.opt.Include, name) {
		return false
	}
	return IgnoredName(name)
}

// IgnoredName reports whether a file name is an editor's temporary or backup file, or another
// name no build reads: the build skips hidden files and folders (.git, .#lock files, vim's
// .name.swp, cmplay's own .public.cmplay-tmp-… folders) and node_modules.
func IgnoredName(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), name == "node_modules":
		return true
	case name == "4913": // vim probes whether it may create files in the folder
		return true
	case strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"):
		return true
	case strings.HasSuffix(name, "~"): // vim and emacs backups
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs autosaves
		return true
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"): // JetBrains safe write
		return true
	}
	return false
}

// relevant decides whether an event names something a build reads.
func (w *Watcher) relevant(p string) bool {
	if w.ignored(p) {
		return false
	}
	if w.files[p] {
		return true
	}
	for _, d := range w.opt.Dirs {
		if within(d, p) {
			return true
		}
	}
	return false
}

// run folds events into bursts with one timer: each relevant event restarts it, and when it
// fires the burst is sent. The timer is never set later than MaxWait after the burst's first
// event, so a stream of events cannot starve the rebuild.
func (w *Watcher) run() {
	pending := map[string]bool{}
	lost := false
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var first time.Time // when the pending burst began; zero when nothing is pending
	arm := func() {
		now := time.Now()
		if first.IsZero() {
			first = now
		}
		timer.Reset(min(cmp.Or(w.opt.Quiet, Debounce), first.Add(MaxWait).Sub(now)))
	}
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod || w.ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					found, err := w.created(ev.Name)
					if outOfWatches(err) {
						fmt.Fprintf(w.opt.Log, limitMessage, err)
						w.fsw.Close()
						go w.poll(time.Second, nil) // the first tick reports every file: a full rebuild
						return
					}
					if err != nil {
						fmt.Fprintf(w.opt.Log, "cmplay: cannot watch %s: %v\n", ev.Name, err)
					}
					for _, f := range found {
						pending[f] = true
					}
				}
			}
			if w.relevant(ev.Name) {
				pending[ev.Name] = true
			}
			if len(pending) > 0 {
				arm()
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				fmt.Fprintln(w.opt.Log, "cmplay: too many file changes at once to follow one by one; rebuilding everything")
				lost = true
				arm()
				continue
			}
			fmt.Fprintf(w.opt.Log, "cmplay: watching: %v\n", err)
		case <-timer.C:
			var batch []string
			if !lost {
				batch = make([]string, 0, len(pending))
				for p := range pending {
					batch = append(batch, p)
				}
				sort.Strings(batch)
			}
			pending, lost, first = map[string]bool{}, false, time.Time{}
			select {
			case w.batches <- batch:
			case <-w.done:
				return
			}
		}
	}
}

// poll compares the size and modification time of every watched file at each tick, starting
// from last.
func (w *Watcher) poll(every time.Duration, last map[string]stamp) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-w.done:
			return
		case <-t.C:
		}
		now := w.snapshot()
		var batch []string
		for p, s := range now {
			if last[p] != s {
				batch = append(batch, p)
			}
		}
		for p := range last {
			if _, ok := now[p]; !ok {
				batch = append(batch, p)
			}
		}
		last = now
		if len(batch) == 0 {
			continue
		}
		sort.Strings(batch)
		select {
		case w.batches <- batch:
		case <-w.done:
			return
		}
	}
}

type stamp struct {
	size int64
	mod  time.Time
}

func (w *Watcher) snapshot() map[string]stamp {
	out := map[string]stamp{}
	for f := range w.files {
		if st, err := os.Stat(f); err == nil {
			out[f] = stamp{st.Size(), st.ModTime()}
		}
	}
	for _, d := range w.opt.Dirs {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if w.ignored(p) {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !e.IsDir() {
				if st, err := e.Info(); err == nil {
					out[p] = stamp{st.Size(), st.ModTime()}
				}
			}
			return nil
		})
	}
	return out
}
