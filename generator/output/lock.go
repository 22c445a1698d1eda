package output

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// LockWait is how long a build waits for another build writing to the same output folder before
// it gives up. Builds of one site take seconds; a CI retry or a manual build beside --watch
// waits its turn instead of mixing two sites in one folder.
var LockWait = 30 * time.Second

// lockPath is the lock file beside the target. It is never removed: removing a lock file while
// another process waits on it is how two writers end up holding "the" lock at once.
func lockPath(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".cmplay-lock")
}

// lock takes the output folder's lock: one writer at a time per output folder, from the choice
// of work folder (the spare is never shared) to the swap. The lock is an flock on an open file,
// so the system releases it when the process ends, however it ends: a crashed build never
// leaves it stuck.
func lock(target string) (*os.File, error) {
	name := lockPath(target)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("output: lock %s: %w", name, err)
	}
	deadline := time.Now().Add(LockWait)
	for {
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
			return nil, fmt.Errorf("output: another cmplay build has been writing to %s for over %s (it holds %s); wait for it to finish, or build into another --out", target, LockWait, name)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
