// Package parallel runs the independent pieces of a build's work on every core. It is the one
// worker pool of the generator: the stages call For when each worker keeps state of its own or
// the pieces cost about the same, and Each when pieces may fail or cost very different amounts.
package parallel

import (
	"errors"
	"runtime"
	"sync"
)

// Workers is how many goroutines For uses for n pieces of work: GOMAXPROCS, at most n, at
// least 1. Callers size per-worker state with it.
func Workers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n)) }

// For calls f(w, i) for every i in [0, n) on Workers(n) goroutines and returns when all calls
// have. Worker w takes i = w, w+workers, w+2·workers, …: a fixed share, so f may write to
// results[i] and to per-worker state [w] without locks, and the result does not depend on
// scheduling.
func For(n int, f func(w, i int)) {
	workers := Workers(n)
	if n <= 1 {
		for i := range n {
			f(0, i)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				f(w, i)
			}
		})
	}
	wg.Wait()
}

// Each calls f(i) for every i in [0, n) on at most limit goroutines (GOMAXPROCS when limit is
// 0 or less), which take the next index as they finish, so uneven pieces spread evenly. Once a
// call has failed no new call starts; Each returns the errors of the calls that failed, joined.
func Each(n, limit int, f func(i int) error) error {
	if limit <= 0 {
		limit = runtime.GOMAXPROCS(0)
	}
	var (
		mu   sync.Mutex
		next int
		errs []error
		wg   sync.WaitGroup
	)
	for range min(limit, n) {
		wg.Go(func() {
			for {
				mu.Lock()
				i, failed := next, len(errs) > 0
				next++
				mu.Unlock()
				if i >= n || failed {
					return
				}
				if err := f(i); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
