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
