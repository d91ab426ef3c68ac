package keyringcache

import "context"

// Save replaces the stored cache with data. The new chunks are written
// before the index switches to them, so if Save fails or the process dies
// part-way, Load still returns the previous cache (or, once the index is
// written, the new one). With WithLockFile, Save first waits until no other
// writer of the entry holds the lock. A cancelled ctx stops Save while it
// waits (having written nothing) or between keyring calls.
// An error after the switch (while removing stale chunks) still means the new
// cache is stored; the leftovers go at the next Save or Clear.
func (s *Store) Save(ctx context.Context, data []byte) error {
	// The lock file before s.mu: a Save waiting on another process must
	// not hold up this Store's Load, which needs no lock.
	release, err := s.lockEntry(ctx)
	if err != nil {
		return err
	}
	defer release()
	s.mu.Lock()
	defer s.mu.Unlock()
	raw, found, err := s.get(ctx, s.account)
	if err != nil {
		return err
	}
	text, encoding := encode(data)
	next := index{Generation: 1, SHA256: digest(data), Length: len(data), Encoding: encoding}
	if found && raw == s.current {
		if idx, err := parseIndex(raw); err == nil && idx.SHA256 == next.SHA256 && idx.Length == next.Length {
			return s.removeLeftovers(ctx, idx)
		}
	}
	var prev *index
	if found {
		// Even a damaged index says which chunks to replace and remove; an
		// unreadable one names none, and generation 1 starts over.
		if idx, ok := parseLocation(raw); ok {
			prev = &idx
			next.Generation = idx.Generation + 1
		}
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
	// The new cache is live; what follows only removes stale chunks. Until
	// it has, the same cache saved again is not skipped (leftovers).
	s.leftovers = true
	if err := s.sweep(ctx, next.Generation, next.Count); err != nil {
		return err
	}
	if prev != nil {
		if err := s.deleteGeneration(ctx, *prev); err != nil {
			return err
		}
	}
	s.leftovers = false
	return nil
}

// removeLeftovers finishes the cleanup an earlier Save of the cache that
// idx names could not: the generation it replaced and anything beyond
// its own chunks. A sign-out retried after the keyring failed half-way
// must not leave the old chunks, and the tokens in them, behind.
func (s *Store) removeLeftovers(ctx context.Context, idx index) error {
	if !s.leftovers {
		return nil
	}
	if err := s.sweep(ctx, idx.Generation, idx.Count); err != nil {
		return err
	}
	if idx.Generation > 1 {
		if err := s.sweep(ctx, idx.Generation-1, 0); err != nil {
			return err
		}
	}
	s.leftovers = false
	return nil
}

// Clear removes the cache and every chunk a crash may have left behind; a
// later Load returns nil. The index goes last, so a Clear cut short leaves
// either the whole cache or an index whose chunks are going (ErrCorrupt), and
// the next Clear still finds every chunk. Like Save, it first waits for
// the lock file (WithLockFile).
func (s *Store) Clear(ctx context.Context) error {
	release, err := s.lockEntry(ctx)
	if err != nil {
		return err
	}
	defer release()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.current, s.leftovers = "", false // a Save after a Clear writes afresh
	raw, found, err := s.get(ctx, s.account)
	if err != nil {
		return err
	}
	if !found {
		// Only an interrupted first Save (generation 1) can have left chunks.
		return s.sweep(ctx, 1, 0)
	}
	idx, ok := parseLocation(raw)
	if !ok {
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
