package session

import "sync"

// signOutPhotos are the photo cache tenants of an account being signed
// out, dropped once: when the sign-out ends, or at once when Settings
// re-open the connection first — before done hears ErrHandedOver, since
// the sign-out took effect in the window there and then and its keyring
// call may never come back (an unlock prompt left open).
type signOutPhotos struct {
	mu      sync.Mutex
	tenants []string
	known   bool // the tenants were looked up
	due     bool // the hand-over came: drop as soon as they are known
	dropped bool
}

// know records the tenants once looked up, and drops them if the
// hand-over came first.
func (s *signOutPhotos) know(c *Controller, env *Env, tenants []string) {
	s.mu.Lock()
	s.tenants, s.known = tenants, true
	s.mu.Unlock()
	s.dropIfDue(c, env)
}

// drop drops the tenants' photos, now if they are known, else as soon as
// they are; once, however often it is called.
func (s *signOutPhotos) drop(c *Controller, env *Env) {
	s.mu.Lock()
	s.due = true
	s.mu.Unlock()
	s.dropIfDue(c, env)
}

// dropIfDue drops the photos once they are known and due.
func (s *signOutPhotos) dropIfDue(c *Controller, env *Env) {
	s.mu.Lock()
	if !s.known || !s.due || s.dropped {
		s.mu.Unlock()
		return
	}
	s.dropped = true
	tenants := s.tenants
	s.mu.Unlock()
	c.dropPhotos(env, tenants)
}
