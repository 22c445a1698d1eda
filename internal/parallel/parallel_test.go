package parallel

import (
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
)

// TestFor: every index once, each on the worker that owns its share.
func TestFor(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		workers := Workers(n)
		seen := make([]int32, n)
		owner := make([]int, n)
		For(n, func(w, i int) {
			atomic.AddInt32(&seen[i], 1)
			owner[i] = w
		})
		for i := range n {
			if seen[i] != 1 || owner[i] != i%workers {
				t.Fatalf("n=%d: index %d called %d times, on worker %d of %d", n, i, seen[i], owner[i], workers)
			}
		}
	}
}

// TestEach: every index once with no failure, at most limit at a time; after a failure no new
// call starts and the error comes back.
func TestEach(t *testing.T) {
	var calls, running, most atomic.Int32
	err := Each(200, 3, func(i int) error {
		calls.Add(1)
		r := running.Add(1)
		for m := most.Load(); r > m && !most.CompareAndSwap(m, r); m = most.Load() {
		}
		runtime.Gosched()
		running.Add(-1)
		return nil
	})
	if err != nil || calls.Load() != 200 || most.Load() > 3 {
		t.Fatalf("err %v, %d calls, %d at once (limit 3)", err, calls.Load(), most.Load())
	}
	boom := errors.New("boom")
	calls.Store(0)
	err = Each(1000, 1, func(i int) error {
		calls.Add(1)
		if i == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || calls.Load() != 11 {
		t.Fatalf("err %v after %d calls, want boom after 11", err, calls.Load())
	}
}
