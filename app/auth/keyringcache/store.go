package keyringcache

import (
	"context"
	"errors"
	"sync"
)

// DefaultChunkSize keeps every secret under the smallest platform limit:
// Windows Credential Manager takes 2,560 bytes, and macOS's security tool
// about 3 KB once go-keyring has base64-encoded the value.
const DefaultChunkSize = 2000

// minChunkSize keeps a chunk able to hold any UTF-8 sequence and the number
// of keyring entries sane.
const minChunkSize = 16

// loadAttempts is how often Load re-reads when another process (the CLI next
// to the window) switched the index while Load was reading chunks.
const loadAttempts = 3

// Store persists one opaque blob (MSAL's token cache) under one service and
// account in the keyring. It is safe for concurrent use. Writers in other
// processes, and other Stores of the entry, are locked out only with
// WithLockFile; a reader that races a writer sees either a whole cache, a
// retry, or ErrCorrupt — never a mix handed to MSAL.
type Store struct {
	service   string
	account   string
	chunkSize int
	backend   Backend
	lockPath  string // see WithLockFile; "" locks nothing
	// lockHeld, when set (by tests), is called each time Save or Clear
	// finds another writer holding the lock file, before it waits.
	lockHeld func()

	mu sync.Mutex
	// current is the raw index this Store last wrote or fully verified, so an
	// unchanged cache is not rewritten on every MSAL export.
	current string
	// leftovers: a Save switched the index to current but failed removing
	// the chunks it replaced, which may hold what it meant to remove (the
	// tokens of an account signed out). Saving the same cache again removes
	// them rather than skip the write.
	leftovers bool
}

// Option configures a Store.
type Option func(*Store)

// WithChunkSize sets the largest secret written per keyring entry, in bytes.
// Values below 16 are raised to 16.
func WithChunkSize(n int) Option {
	return func(s *Store) { s.chunkSize = max(n, minChunkSize) }
}

// WithBackend replaces go-keyring, so tests can inject failures and other
// secret stores can be plugged in.
func WithBackend(b Backend) Option {
	return func(s *Store) { s.backend = b }
}

// New returns a Store for the cache named account under service (e.g. "Photo
// Desk"). It touches nothing until the first call.
func New(service, account string, opts ...Option) *Store {
	s := &Store{service: service, account: account, chunkSize: DefaultChunkSize, backend: systemKeyring{}}
	for _, opt := range opts {
		opt(s)
	}
	return s
}

// Load returns the stored cache, or nil and no error when nothing is stored.
// A missing or altered chunk or a bad index gives an error wrapping
// ErrCorrupt; a broken keyring one wrapping ErrUnavailable.
func (s *Store) Load(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var lastErr error
	for range loadAttempts {
		raw, found, err := s.get(ctx, s.account)
		if err != nil || !found {
			return nil, err
		}
		data, err := s.read(ctx, raw)
		if err == nil {
			s.current = raw
			return data, nil
		}
		if !errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		lastErr = err
		// A writer elsewhere may have switched generations under us: only a
		// changed index is worth another attempt.
		again, found, err := s.get(ctx, s.account)
		if err != nil {
			return nil, err
		}
		if !found || again == raw {
			break
		}
	}
	return nil, lastErr
}

// read fetches and verifies the generation a raw index names.
func (s *Store) read(ctx context.Context, raw string) ([]byte, error) {
	idx, err := parseIndex(raw)
	if err != nil {
		return nil, err
	}
	chunks := make([]string, idx.Count)
	for i := range chunks {
		name := chunkName(s.account, idx.Generation, i)
		chunk, found, err := s.get(ctx, name)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, corrupt("chunk %q missing", name)
		}
		chunks[i] = chunk
	}
	data, err := decode(join(chunks), idx.Encoding)
	if err != nil {
		return nil, err
	}
	if len(data) != idx.Length || digest(data) != idx.SHA256 {
		return nil, corrupt("generation %d: %d bytes do not match the index", idx.Generation, len(data))
	}
	return data, nil
}
