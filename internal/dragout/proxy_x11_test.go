//go:build linux || freebsd || netbsd || openbsd || dragonfly

package dragout

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// xtest is a connection of the test's own to the X server make test runs,
// with helpers to make windows and set their XDND properties.
type xtest struct {
	t    *testing.T
	conn *xgb.Conn
	root xproto.Window
}

func newXTest(t *testing.T) *xtest {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no X display")
	}
	conn, err := xgb.NewConn()
	if err != nil {
		t.Fatalf("X display %s: %v", os.Getenv("DISPLAY"), err)
	}
	t.Cleanup(conn.Close)
	return &xtest{t: t, conn: conn, root: xproto.Setup(conn).DefaultScreen(conn).Root}
}

// window is a new unmapped input-only window.
func (x *xtest) window() xproto.Window {
	x.t.Helper()
	w, _ := xproto.NewWindowId(x.conn)
	if err := xproto.CreateWindowChecked(x.conn, 0, w, x.root, 0, 0, 1, 1, 0, xproto.WindowClassInputOnly, 0, 0, nil).Check(); err != nil {
		x.t.Fatal(err)
	}
	return w
}

func (x *xtest) atom(name string) xproto.Atom {
	x.t.Helper()
	r, err := xproto.InternAtom(x.conn, false, uint16(len(name)), name).Reply()
	if err != nil {
		x.t.Fatal(err)
	}
	return r.Atom
}

// set sets a 32-bit property of w: XdndAware (an ATOM) or XdndProxy (a
// WINDOW).
func (x *xtest) set(w xproto.Window, name string, value uint32) {
	x.t.Helper()
	typ := xproto.Atom(xproto.AtomAtom)
	if name == "XdndProxy" {
		typ = xproto.AtomWindow
	}
	if err := xproto.ChangePropertyChecked(x.conn, xproto.PropModeReplace, w, x.atom(name), typ, 32, 1, u32s(value)).Check(); err != nil {
		x.t.Fatal(err)
	}
}

// A window takes drops itself, through a valid proxy (one whose own
// XdndProxy names itself) in the proxy's version, or not at all when its
// valid proxy does not; a proxy left over by a program that crashed (not
// naming itself, or gone) is ignored.
func TestX11ProxyRules(t *testing.T) {
	x := newXTest(t)
	src, err := New(uintptr(x.window()))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	s := src.(*x11Source)

	direct := x.window()
	x.set(direct, "XdndAware", 5)

	proxied, proxy := x.window(), x.window()
	x.set(proxied, "XdndProxy", uint32(proxy))
	x.set(proxy, "XdndProxy", uint32(proxy))
	x.set(proxy, "XdndAware", 4)

	leftover, notSelf := x.window(), x.window()
	x.set(leftover, "XdndProxy", uint32(notSelf))
	x.set(leftover, "XdndAware", 5)

	gone, goneProxy := x.window(), x.window()
	x.set(gone, "XdndProxy", uint32(goneProxy))
	xproto.DestroyWindowChecked(x.conn, goneProxy).Check()

	refusing, refusingProxy := x.window(), x.window()
	x.set(refusing, "XdndAware", 5) // its proxy decides, not it
	x.set(refusing, "XdndProxy", uint32(refusingProxy))
	x.set(refusingProxy, "XdndProxy", uint32(refusingProxy))

	for _, c := range []struct {
		name        string
		w           xproto.Window
		wantOK      bool
		wantVersion int
		wantDest    xproto.Window
	}{
		{"XDND-aware itself", direct, true, 5, direct},
		{"through its proxy, in the proxy's version", proxied, true, 4, proxy},
		{"a proxy not naming itself is ignored", leftover, true, 5, leftover},
		{"a proxy that is gone is ignored", gone, false, 0, gone},
		{"a valid proxy that takes no drops", refusing, false, 0, refusing},
	} {
		v, ok := s.dropVersion(c.w)
		if ok != c.wantOK || (ok && v != c.wantVersion) {
			t.Errorf("%s: version %d, %v; want %d, %v", c.name, v, ok, c.wantVersion, c.wantOK)
		}
		if ok {
			if got := xproto.Window(s.destination(uint32(c.w))); got != c.wantDest {
				t.Errorf("%s: messages go to %d, want %d", c.name, got, c.wantDest)
			}
		}
	}
	if got := s.answerer(uint32(proxy)); got != uint32(proxied) {
		t.Errorf("an answer from the proxy is taken as from %d, want the window it serves (%d)", got, proxied)
	}
	// The proxy gives the role up and takes drops itself (or its id goes
	// to a new program's window): its answers are its own again.
	xproto.DeletePropertyChecked(x.conn, proxy, x.atom("XdndProxy")).Check()
	if _, ok := s.dropVersion(proxy); !ok {
		t.Fatal("the former proxy, XDND-aware itself, takes no drops")
	}
	if got := s.answerer(uint32(proxy)); got != uint32(proxy) {
		t.Errorf("an answer from the former proxy is taken as from %d, want its own (%d)", got, proxy)
	}
}

// pinnedTarget is the real source with the pointer always over one window,
// so that a test does not move the pointer of an X server other tests use.
type pinnedTarget struct {
	*x11Source
	at xproto.Window
}

func (p pinnedTarget) targetAt(int, int) (uint32, int) {
	if v, ok := p.dropVersion(p.at); ok {
		return uint32(p.at), v
	}
	return 0, 0
}

// A whole drop on a window that has a proxy, against the X server: every
// message goes to the proxy naming the window, the proxy's answers (which
// name the proxy) count as the window's, and the drop ends Dropped.
func TestX11DropThroughProxy(t *testing.T) {
	x := newXTest(t)
	other := newXTest(t) // owns the drop window: what is sent there reaches it, not x
	src, err := New(uintptr(x.window()))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	s := src.(*x11Source)

	desktop, proxy := other.window(), x.window()
	other.set(desktop, "XdndProxy", uint32(proxy))
	x.set(proxy, "XdndProxy", uint32(proxy))
	x.set(proxy, "XdndAware", 5)

	events := make(chan xgb.Event, 16)
	go func() {
		for {
			ev, _ := x.conn.WaitForEvent()
			if ev == nil {
				return
			}
			events <- ev
		}
	}()
	next := func(want string) xproto.ClientMessageEvent {
		t.Helper()
		select {
		case ev := <-events:
			m, ok := ev.(xproto.ClientMessageEvent)
			if !ok || m.Type != x.atom(want) {
				t.Fatalf("the proxy got %T %+v, want %s", ev, ev, want)
			}
			if m.Window != desktop || m.Data.Data32[0] != uint32(s.win) {
				t.Fatalf("%s names window %d from %d, want the desktop %d from the source %d", want, m.Window, m.Data.Data32[0], desktop, s.win)
			}
			return m
		case <-time.After(10 * time.Second):
			t.Fatalf("the proxy got no %s", want)
		}
		panic("unreachable")
	}
	answer := func(msg string, data ...uint32) {
		t.Helper()
		ev := xproto.ClientMessageEvent{
			Format: 32, Window: s.win, Type: x.atom(msg),
			Data: xproto.ClientMessageDataUnionData32New(append(data, make([]uint32, 5-len(data))...)),
		}
		if err := xproto.SendEventChecked(x.conn, false, s.win, xproto.EventMaskNoEvent, string(ev.Bytes())).Check(); err != nil {
			t.Fatal(err)
		}
	}

	results := make(chan Result, 1)
	d, err := src.Start(Item{File: func() (string, error) { return "/photos/proxied.jpg", nil }}, func(r Result) { results <- r })
	if err != nil {
		t.Fatal(err)
	}
	drag := d.(*xdndDrag)
	drag.peer = pinnedTarget{s, desktop}

	d.Moved()
	next("XdndEnter")
	next("XdndPosition")
	answer("XdndStatus", uint32(proxy), 1, 0, 0, uint32(x.atom("XdndActionCopy")))
	d.Released()
	drop := next("XdndDrop")

	// The proxy asks for the file as a target does.
	prop := x.atom("_PHOTODESK_TEST_PROXY")
	xproto.ConvertSelection(x.conn, proxy, x.atom("XdndSelection"), x.atom(typeURIList), prop, xproto.Timestamp(drop.Data.Data32[2]))
	select {
	case ev := <-events:
		if n, ok := ev.(xproto.SelectionNotifyEvent); !ok || n.Property == xproto.AtomNone {
			t.Fatalf("asking for the file got %T %+v", ev, ev)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no SelectionNotify from the drag source")
	}
	r, err := xproto.GetProperty(x.conn, true, proxy, prop, xproto.GetPropertyTypeAny, 0, 1<<16).Reply()
	if err != nil || !strings.Contains(string(r.Value), "proxied.jpg") {
		t.Fatalf("the file asked for: %q, %v", r.Value, err)
	}
	answer("XdndFinished", uint32(proxy), 1, uint32(x.atom("XdndActionCopy")))
	select {
	case got := <-results:
		if got != Dropped {
			t.Errorf("the drag ended %v, want Dropped", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the drag did not end")
	}
}
