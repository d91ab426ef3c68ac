//go:build linux || freebsd || netbsd || openbsd || dragonfly

package dragout

import "testing"

// A target that asks for the data of a drop after the next drag has begun
// gets the dropped photo, not the newer one: each request is answered as
// the selection was at its time.
func TestLateRequestGetsItsOwnDrag(t *testing.T) {
	var o ownedDrags
	first, second := &xdndDrag{when: 1000}, &xdndDrag{when: 5000}
	o.add(first)
	o.add(second)
	for _, c := range []struct {
		t    uint32
		want *xdndDrag
		why  string
	}{
		{1000, first, "the first drop's own time, asked after the second drag began"},
		{4999, first, "any time before the second drag"},
		{5000, second, "the second drag's time"},
		{9000, second, "later"},
		{0, second, "CurrentTime: the drag now"},
		{999, nil, "before every drag kept: refused"},
	} {
		if got := o.at(c.t, second); got != c.want {
			t.Errorf("request at %d (%s): wrong drag", c.t, c.why)
		}
	}
}

// Only the last four drags are kept, times wrap after 49.7 days, and a drag
// whose time could not be read (0) makes every request the current drag's,
// as before.
func TestOwnedDragsEdges(t *testing.T) {
	var o ownedDrags
	drags := make([]*xdndDrag, 6)
	for i := range drags {
		drags[i] = &xdndDrag{when: uint32(100 * (i + 1))}
		o.add(drags[i])
	}
	if got := o.at(150, drags[5]); got != nil {
		t.Error("a request older than the four drags kept was answered")
	}
	if got := o.at(350, drags[5]); got != drags[2] {
		t.Error("a request at 350 did not get the drag of 300")
	}
	var w ownedDrags
	a, b := &xdndDrag{when: 0xFFFFFF00}, &xdndDrag{when: 0x10}
	w.add(a)
	w.add(b) // the server's clock wrapped between the two drags
	if w.at(0xFFFFFFF0, b) != a || w.at(0x20, b) != b {
		t.Error("times across the wrap picked the wrong drag")
	}
	var u ownedDrags
	u.add(&xdndDrag{}) // time unknown
	if u.at(12345, b) != b {
		t.Error("with a drag's time unknown, a request did not get the current drag")
	}
}

// Two drags in one millisecond: the later one owns the selection.
func TestOwnedDragsSameMillisecond(t *testing.T) {
	var o ownedDrags
	a, b := &xdndDrag{when: 700}, &xdndDrag{when: 700}
	o.add(a)
	o.add(b)
	if o.at(700, b) != b {
		t.Error("a request at the shared time did not get the later drag")
	}
}
