package sandbox

import (
	"container/list"
	"sync"
)

// defaultPhotoCacheBytes bounds the rendered-photo cache. Photos are
// re-rendered deterministically after eviction, so the bound only trades
// memory for CPU: a 10,000-user export would otherwise keep ~1 GB.
const defaultPhotoCacheBytes = 64 << 20

// photoKey identifies one rendered image.
type photoKey struct {
	subject       string
	version       int
	width, height int
	format        string
	upload        uint64 // the change through Graph the image comes from, 0 for a generated one
}

// photoStore is an LRU cache of encoded photos that renders each key once
// even when many requests ask for it at the same moment.
type photoStore struct {
	mu      sync.Mutex
	limit   int
	size    int
	entries map[photoKey]*photoEntry
	order   list.List // front = most recently used; values are *photoEntry
}

type photoEntry struct {
	key  photoKey
	done chan struct{} // closed once data is set
	data []byte
	elem *list.Element // nil while rendering or after eviction
}

func newPhotoStore(limit int) *photoStore {
	return &photoStore{limit: limit, entries: make(map[photoKey]*photoEntry)}
}

// get returns the cached bytes for key, calling render at most once per
// key while it stays cached.
func (s *photoStore) get(key photoKey, render func() []byte) []byte {
	s.mu.Lock()
	if e, ok := s.entries[key]; ok {
		if e.elem != nil {
			s.order.MoveToFront(e.elem)
		}
		s.mu.Unlock()
		<-e.done
		return e.data
	}
	e := &photoEntry{key: key, done: make(chan struct{})}
	s.entries[key] = e
	s.mu.Unlock()

	e.data = render()
	close(e.done)

	s.mu.Lock()
	defer s.mu.Unlock()
	e.elem = s.order.PushFront(e)
	s.size += len(e.data)
	for s.size > s.limit && s.order.Len() > 1 {
		old := s.order.Remove(s.order.Back()).(*photoEntry)
		old.elem = nil
		delete(s.entries, old.key)
		s.size -= len(old.data)
	}
	return e.data
}
