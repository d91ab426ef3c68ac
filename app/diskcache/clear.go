package diskcache

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// DropTenant removes every entry of one tenant, for signing out. It
// waits for the index (see Indexed), so the index cannot bring back a
// file it read before the removal; Get misses the tenant's files from the
// call on.
func (c *Cache) DropTenant(cloud, tenant string) error {
	dir := c.tenantDir(cloud, tenant)
	defer c.markClearing(dir)()
	c.mu.Lock()
	for path, el := range c.items {
		if filepath.Dir(path) == dir {
			c.forgetLocked(path, el)
		}
	}
	trash, err := c.trashLocked(dir)
	c.mu.Unlock()
	if err == nil {
		err = os.RemoveAll(trash)
	}
	if err != nil {
		return fmt.Errorf("clear the photo cache of a tenant: %w", err)
	}
	return nil
}

// trashPrefix starts the name of a folder on its way out: renamed under
// the lock (one rename, however many files it holds), deleted after it,
// so Get and Put never wait for thousands of deletions. One a crash left
// behind is deleted by the next index.
const trashPrefix = ".trash-"

// trashLocked moves path out of the cache's way, to a trash folder the
// caller deletes once it has let go of the lock; a path that is not there
// needs nothing ("" and no error).
func (c *Cache) trashLocked(path string) (string, error) {
	trash := filepath.Join(c.dir, trashPrefix+rand.Text()[:12])
	if err := os.Rename(path, trash); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", nil
		}
		return "", err
	}
	return trash, nil
}

// Clear removes every entry of every tenant. Like DropTenant it waits for
// the index.
func (c *Cache) Clear() error {
	defer c.markClearing(c.dir)()
	c.mu.Lock()
	for path, el := range c.items {
		c.forgetLocked(path, el)
	}
	ents, err := os.ReadDir(c.dir)
	if err != nil {
		c.mu.Unlock()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // deleted while we ran: as empty as Clear would leave it
		}
		return fmt.Errorf("clear the photo cache: %w", err)
	}
	var errs []error
	var trash []string
	for _, d := range ents {
		t, err := c.trashLocked(filepath.Join(c.dir, d.Name()))
		switch {
		case err != nil:
			errs = append(errs, err)
		case t != "":
			trash = append(trash, t)
		}
	}
	c.mu.Unlock()
	for _, t := range trash {
		if err := os.RemoveAll(t); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("clear the photo cache: %w", err)
	}
	return nil
}

// markClearing makes Get miss every file under dir, then waits for the
// index; the function it returns ends the miss, once the files are gone.
func (c *Cache) markClearing(dir string) (done func()) {
	c.mu.Lock()
	c.clearing[dir]++
	c.mu.Unlock()
	if c.hooks.clearWaits != nil {
		c.hooks.clearWaits()
	}
	<-c.indexed
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.clearing[dir]--; c.clearing[dir] == 0 {
			delete(c.clearing, dir)
		}
	}
}

// clearingLocked reports whether path is in a folder a Clear or
// DropTenant is about to remove.
func (c *Cache) clearingLocked(path string) bool {
	return c.clearing[c.dir] > 0 || c.clearing[filepath.Dir(path)] > 0
}
