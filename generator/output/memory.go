package output

import (
	"path"
	"sort"
	"sync"
)

// Memory keeps a build in memory, for `cmplay serve`.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty in-memory output.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile stores a file. Safe for concurrent use.
func (m *Memory) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	m.files[path.Clean(name)] = data
	m.mu.Unlock()
	return nil
}

// File returns a stored file.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[path.Clean(name)]
	return b, ok
}

// Names lists the stored files in order.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]string, 0, len(m.files))
	for n := range m.files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
