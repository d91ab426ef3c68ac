package diskcache

import "os"

// RemoveSoon forgets the entries of keys at once — from the moment it
// returns, Get misses them, whatever is still on disk — and deletes their
// files in the background, so a caller on the window's goroutine (an
// Invalidate after a photo change, a dozen sizes of one person) never
// waits for the disk. A Put of one of the keys meanwhile wins: its file
// is kept.
func (c *Cache) RemoveSoon(keys ...Key) {
	if len(keys) == 0 {
		return
	}
	paths := make([]string, 0, len(keys))
	c.mu.Lock()
	for _, k := range keys {
		path := c.path(k)
		c.forgetPathLocked(path)
		c.removing[path]++
		paths = append(paths, path)
	}
	// After Settle (a change finishing as the window closes) nothing
	// waits for a goroutine any more: delete now, or the next run could
	// find the old photo. Added under mu, so never alongside Settle's Wait.
	settled := c.settled
	if !settled {
		c.removals.Add(1)
	}
	c.mu.Unlock()
	if settled {
		c.removeFiles(paths)
		return
	}
	go func() {
		defer c.removals.Done()
		c.removeFiles(paths)
	}()
}

// removeFiles deletes the files RemoveSoon forgot (deleteForgotten).
func (c *Cache) removeFiles(paths []string) {
	if c.hooks.beforeRemove != nil {
		c.hooks.beforeRemove()
	}
	c.deleteForgotten(paths)
}

// deleteForgotten deletes files marked in removing (by RemoveSoon or an
// eviction), each unless a Put replaced it since; each under the lock,
// so a Put cannot land in between, but the lock is let go between files.
func (c *Cache) deleteForgotten(paths []string) {
	for _, path := range paths {
		c.mu.Lock()
		if n := c.removing[path]; n > 0 { // 0: a Put replaced it since
			if n == 1 {
				delete(c.removing, path)
			} else {
				c.removing[path] = n - 1
			}
			_ = os.Remove(path)
		}
		c.mu.Unlock()
	}
}

// removingLocked reports whether path's file is forgotten but maybe still
// on disk.
func (c *Cache) removingLocked(path string) bool { return c.removing[path] > 0 }

// Settle waits for RemoveSoon's deletions under way, so that the next
// run, whose index reads the folder afresh, cannot find a file this run
// forgot: call it before the process ends. RemoveSoon deletes at once
// from then on.
func (c *Cache) Settle() {
	c.mu.Lock()
	c.settled = true
	c.mu.Unlock()
	c.removals.Wait()
}
