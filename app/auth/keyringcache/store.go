package keyringcache

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/zalando/go-keyring"
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
// account in the keyring. It is safe for concurrent use; writers in other
// processes are not locked out, but a reader that races one sees either a
// whole cache, a retry, or ErrCorrupt — never a mix handed to MSAL.
type Store struct {
	service   string
	account   string
	chunkSize int
	backend   Backend

	mu sync.Mutex
	// current is the raw index this Store last wrote or fully verified, so an
	// unchanged cache is not rewritten on every MSAL export.
	current string
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

// Save replaces the stored cache with data. The new chunks are written
// before the index switches to them, so if Save fails or the process dies
// part-way, Load still returns the previous cache (or, once the index is
// written, the new one). A cancelled ctx stops Save between keyring calls.
func (s *Store) Save(ctx context.Context, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	raw, found, err := s.get(ctx, s.account)
	if err != nil {
		return err
	}
	text, encoding := encode(data)
	next := index{Generation: 1, SHA256: digest(data), Length: len(data), Encoding: encoding}
	var prev *index
	if found {
		if idx, err := parseIndex(raw); err == nil {
			if raw == s.current && idx.SHA256 == next.SHA256 && idx.Length == next.Length {
				return nil
			}
			prev = &idx
			next.Generation = idx.Generation + 1
		}
		// A corrupt index names no generation worth keeping: start over at 1.
	}
	chunks := split(text, s.chunkSize)
	next.Count = len(chunks)
	for i, chunk := range chunks {
		if err := s.set(ctx, chunkName(s.account, next.Generation, i), chunk); err != nil {
			return err
		}
	}
	rawNext := next.marshal()
	if err := s.set(ctx, s.account, rawNext); err != nil {
		return err
	}
	s.current = rawNext
	// The new cache is live; what follows only removes stale chunks.
	if err := s.sweep(ctx, next.Generation, next.Count); err != nil {
		return err
	}
	if prev != nil {
		if err := s.deleteGeneration(ctx, *prev); err != nil {
			return err
		}
	}
	return nil
}

// Clear removes the cache and every chunk a crash may have left behind; a
// later Load returns nil. The index goes last, so a Clear cut short leaves an
// index whose chunks are gone (ErrCorrupt), never orphaned secrets.
func (s *Store) Clear(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.current = ""
	raw, found, err := s.get(ctx, s.account)
	if err != nil {
		return err
	}
	if !found {
		// Only an interrupted first Save (generation 1) can have left chunks.
		return s.sweep(ctx, 1, 0)
	}
	idx, err := parseIndex(raw)
	if err != nil {
		if err := s.sweep(ctx, 1, 0); err != nil {
			return err
		}
		return s.del(ctx, s.account)
	}
	// An interrupted Save may have left chunks of the next generation.
	if err := s.sweep(ctx, idx.Generation+1, 0); err != nil {
		return err
	}
	if err := s.deleteGeneration(ctx, idx); err != nil {
		return err
	}
	return s.del(ctx, s.account)
}

// deleteGeneration removes the chunks of a superseded index, last first, so
// that an interruption leaves chunks 0..k that a later sweep still finds,
// then whatever an earlier interrupted cleanup left of the generation before.
func (s *Store) deleteGeneration(ctx context.Context, idx index) error {
	if err := s.sweep(ctx, idx.Generation, idx.Count); err != nil {
		return err
	}
	for i := idx.Count - 1; i >= 0; i-- {
		if err := s.del(ctx, chunkName(s.account, idx.Generation, i)); err != nil {
			return err
		}
	}
	if idx.Generation > 1 {
		return s.sweep(ctx, idx.Generation-1, 0)
	}
	return nil
}

// sweep deletes chunks from, from+1, … of a generation, up to the first
// missing one: the leftovers of interrupted writes and cleanups, which are
// always such a run. It finds the end with reads and deletes backwards, so an
// interrupted sweep still leaves a run starting at from for the next one.
func (s *Store) sweep(ctx context.Context, generation, from int) error {
	end := from
	for ; end < maxChunks; end++ {
		_, found, err := s.get(ctx, chunkName(s.account, generation, end))
		if err != nil {
			return err
		}
		if !found {
			break
		}
	}
	for i := end - 1; i >= from; i-- {
		if err := s.del(ctx, chunkName(s.account, generation, i)); err != nil {
			return err
		}
	}
	return nil
}

// get reads one entry; a missing one is found == false, not an error.
func (s *Store) get(ctx context.Context, user string) (value string, found bool, err error) {
	value, err = s.backendCall(ctx, "get", user, func() (string, error) {
		return s.backend.Get(s.service, user)
	})
	if errors.Is(err, keyring.ErrNotFound) {
		return "", false, nil
	}
	return value, err == nil, err
}

// set writes one entry.
func (s *Store) set(ctx context.Context, user, value string) error {
	_, err := s.backendCall(ctx, "set", user, func() (string, error) {
		return "", s.backend.Set(s.service, user, value)
	})
	return err
}

// del removes one entry; one that is already gone is fine.
func (s *Store) del(ctx context.Context, user string) error {
	_, err := s.backendCall(ctx, "delete", user, func() (string, error) {
		return "", s.backend.Delete(s.service, user)
	})
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}

// backendCall runs one keyring call unless ctx is already done, and turns
// every failure other than "not found" into ErrUnavailable. go-keyring takes
// no context, so a call in flight cannot be interrupted.
func (s *Store) backendCall(ctx context.Context, op, user string, call func() (string, error)) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("keyring %s %q: %w", op, user, err)
	}
	value, err := call()
	switch {
	case err == nil:
		return value, nil
	case errors.Is(err, keyring.ErrNotFound):
		return "", err
	default:
		return "", unavailable(op, user, err)
	}
}
