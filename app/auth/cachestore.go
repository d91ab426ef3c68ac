package auth

import (
	"context"
	"sync"
)

// CacheStore keeps MSAL's serialized token cache between runs. The app's is
// keyringcache.Store; Load returns nil and no error when nothing is stored.
// Errors wrapping keyringcache.ErrUnavailable mean "no keyring here" (the
// session goes memory-only); keyringcache.ErrCorrupt means the stored cache
// cannot be trusted (the session discards it and signs in afresh).
type CacheStore interface {
	Load(ctx context.Context) ([]byte, error)
	Save(ctx context.Context, data []byte) error
	Clear(ctx context.Context) error
}

// MemoryStore is a CacheStore that lives as long as the process: for tests
// and for sessions that must not persist anything. Its zero value is empty
// and ready.
type MemoryStore struct {
	mu   sync.Mutex
	data []byte
}

// Load returns a copy of what was saved last.
func (m *MemoryStore) Load(ctx context.Context) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return clone(m.data), nil
}

// Save keeps a copy of data.
func (m *MemoryStore) Save(ctx context.Context, data []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.data = clone(data)
	return nil
}

// Clear forgets everything.
func (m *MemoryStore) Clear(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.data = nil
	return nil
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}
