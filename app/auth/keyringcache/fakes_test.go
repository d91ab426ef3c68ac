package keyringcache

import (
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"
)

// memKeyring is an in-memory Backend with a lock (go-keyring's MockInit has
// none and races under -race) that can list what it holds.
type memKeyring struct {
	mu      sync.Mutex
	entries map[string]string // service + "\x00" + user → secret
}

func newMemKeyring() *memKeyring { return &memKeyring{entries: map[string]string{}} }

func (m *memKeyring) Get(service, user string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.entries[service+"\x00"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (m *memKeyring) Set(service, user, pass string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries[service+"\x00"+user] = pass
	return nil
}

func (m *memKeyring) Delete(service, user string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	key := service + "\x00" + user
	if _, ok := m.entries[key]; !ok {
		return keyring.ErrNotFound
	}
	delete(m.entries, key)
	return nil
}

// users lists the entry names held for service, sorted.
func (m *memKeyring) users(service string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var users []string
	for key := range m.entries {
		if s, user, _ := strings.Cut(key, "\x00"); s == service {
			users = append(users, user)
		}
	}
	slices.Sort(users)
	return users
}

// errBusGone is what godbus reports when the Secret Service vanishes.
var errBusGone = dbus.Error{Name: "org.freedesktop.DBus.Error.ServiceUnknown", Body: []any{"The name org.freedesktop.secrets was not provided by any .service files"}}

// crashingKeyring passes calls to inner until call number failAt (counting
// from 0, every Get, Set and Delete), which fails, as does everything after
// it: the process "died" there. failAt < 0 never fails, which counts steps.
type crashingKeyring struct {
	inner  Backend
	failAt int

	mu      sync.Mutex
	calls   int
	crashed bool
	wrote   []string // users successfully Set, in order
}

func (c *crashingKeyring) step() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.crashed || (c.failAt >= 0 && c.calls == c.failAt) {
		c.crashed = true
		return errBusGone
	}
	c.calls++
	return nil
}

func (c *crashingKeyring) Get(service, user string) (string, error) {
	if err := c.step(); err != nil {
		return "", err
	}
	return c.inner.Get(service, user)
}

func (c *crashingKeyring) Set(service, user, pass string) error {
	if err := c.step(); err != nil {
		return err
	}
	err := c.inner.Set(service, user, pass)
	if err == nil {
		c.mu.Lock()
		c.wrote = append(c.wrote, user)
		c.mu.Unlock()
	}
	return err
}

func (c *crashingKeyring) Delete(service, user string) error {
	if err := c.step(); err != nil {
		return err
	}
	return c.inner.Delete(service, user)
}

// wroteUser reports whether a Set of user went through before the crash.
func (c *crashingKeyring) wroteUser(user string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Contains(c.wrote, user)
}

// hookKeyring calls before ahead of every call, so a test can act (cancel a
// context, fail one named entry) at a precise step.
type hookKeyring struct {
	inner  Backend
	before func(op, user string) error
}

func (h hookKeyring) Get(service, user string) (string, error) {
	if err := h.before("get", user); err != nil {
		return "", err
	}
	return h.inner.Get(service, user)
}

func (h hookKeyring) Set(service, user, pass string) error {
	if err := h.before("set", user); err != nil {
		return err
	}
	return h.inner.Set(service, user, pass)
}

func (h hookKeyring) Delete(service, user string) error {
	if err := h.before("delete", user); err != nil {
		return err
	}
	return h.inner.Delete(service, user)
}

var errInjected = errors.New("injected keyring failure")
