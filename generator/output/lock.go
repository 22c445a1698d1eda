package output

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// DefaultLockWait is how long a build waits for another build writing to the same output folder
// before it gives up. Builds of one site take seconds; a CI retry or a manual build beside
// --watch waits its turn instead of mixing two sites in one folder.
const DefaultLockWait = 30 * time.Second

// Options tune NewDirWith.
type Options struct {
	LockWait time.Duration // how long to wait for another build; 0 means DefaultLockWait
	Waiting  io.Writer     // told once when the build starts waiting; nil says nothing
}

// lockPath is the lock file beside the target. It is never removed: removing a lock file while
// another process waits on it is how two writers end up holding "the" lock at once.
func lockPath(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".cmplay-lock")
}

// lock takes the output folder's lock: one writer at a time per output folder, from the choice
// of work folder (the spare is never shared) to the swap. The lock is an flock on an open file,
// so the system releases it when the process ends, however it ends: a crashed build never
// leaves it stuck.
func lock(target string, opt Options) (*os.File, error) {
	name := lockPath(target)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("output: lock %s: %w", name, err)
	}
	wait := opt.LockWait
	if wait == 0 {
		wait = DefaultLockWait
	}
	deadline := time.Now().Add(wait)
	for told := false; ; told = true {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("output: lock %s: %w", name, err)
		}
		if ok {
			return f, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("output: another cmplay build has been writing to %s for over %s (it holds %s); wait for it to finish, or build into another --out", target, wait, name)
		}
		if !told && opt.Waiting != nil {
			fmt.Fprintf(opt.Waiting, "cmplay: another build is writing to %s; waiting up to %s for it to finish\n", target, wait)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
