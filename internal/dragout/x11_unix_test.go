//go:build linux || freebsd || netbsd || openbsd || dragonfly

package dragout

import (
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// Against a real X server (make test runs one): a target asking for the
// first drag's file at that drop's time, after a second drag has taken the
// selection, gets the first file; asking at the second's time, the second.
func TestX11LateRequestGetsItsOwnFile(t *testing.T) {
	xt := newXTest(t)
	conn, win := xt.conn, xt.window()
	src, err := New(uintptr(win))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := src.(*x11Source)
	start := func(file string) (Drag, xproto.Timestamp) {
		d, err := src.Start(Item{File: func() (string, error) { return file, nil }}, func(Result) {})
		if err != nil {
			t.Fatal(err)
		}
		return d, xproto.Timestamp(d.(*xdndDrag).when)
	}
	a, whenA := start("/photos/first.jpg")
	defer a.Cancel()
	// The next drag a millisecond later at least, as a person's are.
	for now := whenA; now == whenA; {
		now = x.serverTime()
	}
	b, whenB := start("/photos/second.jpg")
	defer b.Cancel()
	if whenA == xproto.TimeCurrentTime || whenB == whenA {
		t.Fatalf("drag times %d and %d: the server's time was not read", whenA, whenB)
	}
	selection, uriList, prop := xt.atom("XdndSelection"), xt.atom(typeURIList), xt.atom("_PHOTODESK_TEST_DROP")
	ask := func(at xproto.Timestamp) string {
		xproto.ConvertSelection(conn, win, selection, uriList, prop, at)
		events := make(chan xgb.Event, 1)
		go func() {
			for {
				ev, _ := conn.WaitForEvent()
				if ev == nil {
					return
				}
				if n, ok := ev.(xproto.SelectionNotifyEvent); ok {
					events <- n
					return
				}
			}
		}()
		select {
		case ev := <-events:
			if ev.(xproto.SelectionNotifyEvent).Property == xproto.AtomNone {
				return "(refused)"
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no SelectionNotify from the drag source")
		}
		r, err := xproto.GetProperty(conn, true, win, prop, xproto.GetPropertyTypeAny, 0, 1<<16).Reply()
		if err != nil {
			t.Fatal(err)
		}
		return string(r.Value)
	}
	if got := ask(whenA); !strings.Contains(got, "first.jpg") {
		t.Errorf("asked at the first drop's time after the second drag began: %q, want the first file", got)
	}
	if got := ask(whenB); !strings.Contains(got, "second.jpg") {
		t.Errorf("asked at the second drag's time: %q, want the second file", got)
	}
}

// A target's answers go to the drag they are about, not to the newest: a
// drop waiting for its XdndFinished when the next drag begins over the same
// target still hears it (and does not end "timed out" 30 s later), and the
// next drag gets its own XdndStatus.
func TestX11AnswersGoToTheirOwnDrag(t *testing.T) {
	p := newFakePeer()
	p.columns[3] = 20
	s := &x11Source{proxyFor: map[uint32]uint32{}, proxiedBy: map[uint32]uint32{}}
	outA, outB := make(outcome, 1), make(outcome, 1)
	a := s.track(p, 1000, testItem(), outA.done)
	p.moveTo(310, 20)
	a.Moved()
	s.live.answered("XdndStatus", 20, [5]uint32{1: 1, 4: p.act("Copy")})
	a.Released() // dropped: a waits for the target's XdndFinished

	b := s.track(p, 2000, testItem(), outB.done)
	p.moveTo(320, 20)
	b.Moved()
	s.live.answered("XdndFinished", 20, [5]uint32{1: 1, 2: p.act("Copy")})
	if r := outA.wait(t); r != Dropped {
		t.Errorf("the first drop ended %v, want dropped", r)
	}
	outB.none(t)

	s.live.answered("XdndStatus", 20, [5]uint32{1: 1, 4: p.act("Copy")})
	b.Released()
	if got := strings.Count(p.messages(), "XdndDrop→20"); got != 2 {
		t.Fatalf("%d drops sent, want 2 (the second drag's status was lost): %s", got, p.messages())
	}
	s.live.answered("XdndFinished", 20, [5]uint32{1: 1, 2: p.act("Copy")})
	if r := outB.wait(t); r != Dropped {
		t.Errorf("the second drop ended %v, want dropped", r)
	}
}
