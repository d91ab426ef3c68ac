//go:build linux || freebsd || netbsd || openbsd || dragonfly

package dragout

import (
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// XDND's XdndProxy (version 4 on): a window may name another that takes
// its drops — a desktop's icon view does it for the root window, so that
// a photo can be dropped on the desktop. The source then sends every
// message to the proxy, with the window field still naming the window the
// drop is on, and speaks the version the proxy's XdndAware says. A proxy
// is valid only when its own XdndProxy names itself; anything else is a
// leftover of a program that crashed, and is ignored.

// dropVersion is the XDND version in which w takes drops, directly or
// through its proxy, and ok whether it does. It remembers the proxy, if
// any, for send and for the answers that come from it.
func (s *x11Source) dropVersion(w xproto.Window) (version int, ok bool) {
	if p, valid := s.proxyOf(w); valid {
		version, ok = s.xdndVersion(p)
		if ok {
			s.mu.Lock()
			s.proxyFor[uint32(w)], s.proxiedBy[uint32(p)] = uint32(p), uint32(w)
			s.mu.Unlock()
		}
		return version, ok
	}
	// No proxy (any more): w answers for itself. A window that was some
	// other's proxy, and is a target of its own now (its program dropped
	// the role, or a new program got its id), must not have its answers
	// taken for that other's.
	s.mu.Lock()
	delete(s.proxyFor, uint32(w))
	delete(s.proxiedBy, uint32(w))
	s.mu.Unlock()
	return s.xdndVersion(w)
}

// proxyOf is w's XdndProxy when it is valid.
func (s *x11Source) proxyOf(w xproto.Window) (xproto.Window, bool) {
	p, ok := s.windowProperty(w, "XdndProxy")
	if !ok {
		return 0, false
	}
	self, ok := s.windowProperty(p, "XdndProxy") // fails too when p is gone
	return p, ok && self == p
}

// windowProperty reads a property of type WINDOW.
func (s *x11Source) windowProperty(w xproto.Window, name string) (xproto.Window, bool) {
	r, err := xproto.GetProperty(s.conn, false, w, s.xatom(name), xproto.AtomWindow, 0, 1).Reply()
	if err != nil || r.Format != 32 || len(r.Value) < 4 {
		return 0, false
	}
	return xproto.Window(xgb.Get32(r.Value)), true
}

// destination is where messages for the drop window win go: its proxy,
// or itself.
func (s *x11Source) destination(win uint32) uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.proxyFor[win]; ok {
		return p
	}
	return win
}

// answerer is the drop window an answer naming win is about: a proxy
// names itself in its XdndStatus and XdndFinished.
func (s *x11Source) answerer(win uint32) uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w, ok := s.proxiedBy[win]; ok && s.proxyFor[w] == win {
		return w
	}
	return win
}
