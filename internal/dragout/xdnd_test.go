package dragout

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakePeer plays the X server and the windows under the pointer: targets
// are columns of the screen, and every message the drag sends is recorded.
type fakePeer struct {
	mu      sync.Mutex
	x, y    int
	columns map[int]uint32 // x/100 → XDND-aware window there
	version int
	sent    []string // "XdndEnter→20", …
	data    [][5]uint32
	atoms   map[string]uint32
	sentOne chan struct{} // signalled after each message sent
}

func newFakePeer() *fakePeer {
	return &fakePeer{columns: map[int]uint32{}, version: 5, atoms: map[string]uint32{}, sentOne: make(chan struct{}, 1)}
}

func (p *fakePeer) atom(name string) uint32 {
	p.mu.Lock()
	defer p.mu.Unlock()
	if a, ok := p.atoms[name]; ok {
		return a
	}
	a := uint32(100 + len(p.atoms))
	p.atoms[name] = a
	return a
}

// act is the atom of the XDND action name ("Copy" for XdndActionCopy).
func (p *fakePeer) act(name string) uint32 { return p.atom("XdndAction" + name) }

func (p *fakePeer) pointer() (int, int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.x, p.y, nil
}

func (p *fakePeer) targetAt(x, _ int) (uint32, int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.columns[x/100], p.version
}

func (p *fakePeer) send(win uint32, msg string, data [5]uint32) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sent = append(p.sent, fmt.Sprintf("%s→%d", msg, win))
	p.data = append(p.data, data)
	select {
	case p.sentOne <- struct{}{}:
	default: // one signal pending is enough: the waiter counts again
	}
	return nil
}

func (p *fakePeer) source() uint32 { return 7 }

func (p *fakePeer) moveTo(x, y int) {
	p.mu.Lock()
	p.x, p.y = x, y
	p.mu.Unlock()
}

func (p *fakePeer) messages() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.sent, " ")
}

// outcome collects the drag's end.
type outcome chan Result

func (o outcome) done(r Result) { o <- r }

func (o outcome) wait(t *testing.T) Result {
	t.Helper()
	select {
	case r := <-o:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("the drag never ended")
		return -1
	}
}

func (o outcome) none(t *testing.T) {
	t.Helper()
	select {
	case r := <-o:
		t.Fatalf("the drag ended (%v) too early", r)
	default:
	}
}

func testItem() Item {
	return Item{
		File: func() (string, error) { return "/tmp/drag 1/adele@contoso.com_648x648.jpg", nil },
		PNG:  func() ([]byte, error) { return []byte("\x89PNG"), nil },
	}
}

func newTestDrag(p *fakePeer) (*xdndDrag, outcome) {
	out := make(outcome, 1)
	return newXDNDDrag(p, 1234, testItem(), out.done), out
}

// overTarget is a drag of item moved onto target 20 (column 3): its
// XdndEnter and first XdndPosition sent, no answer yet.
func overTarget(item Item) (*fakePeer, *xdndDrag, outcome) {
	p := newFakePeer()
	p.columns[3] = 20
	out := make(outcome, 1)
	d := newXDNDDrag(p, 1234, item, out.done)
	p.moveTo(310, 20)
	d.Moved()
	return p, d, out
}

// The whole happy path: enter, positions one at a time, status, drop,
// finished.
func TestDropOnATargetThatAccepts(t *testing.T) {
	p := newFakePeer()
	p.columns[3] = 20
	d, out := newTestDrag(p)

	p.moveTo(50, 10) // over nothing
	d.Moved()
	p.moveTo(310, 20)
	d.Moved()
	p.moveTo(320, 25) // a second move before the status: kept, not sent
	d.Moved()
	if got := p.messages(); got != "XdndEnter→20 XdndPosition→20" {
		t.Fatalf("messages = %q", got)
	}
	enter := p.data[0]
	if enter[0] != 7 || enter[1]>>24 != 5 || enter[2] != p.atom(typeURIList) || enter[3] != p.atom(typePNG) {
		t.Errorf("XdndEnter data = %v, want source 7, version 5, uri-list and png", enter)
	}
	if pos := p.data[1]; pos[2] != 310<<16|20 || pos[4] != p.atom("XdndActionCopy") {
		t.Errorf("XdndPosition data = %v, want 310,20 and the copy action", pos)
	}
	d.status(20, true, p.act("Copy")) // the pending position goes now
	if got := p.messages(); !strings.HasSuffix(got, "XdndPosition→20 XdndPosition→20") || p.data[2][2] != 320<<16|25 {
		t.Fatalf("messages after the status = %q (%v)", got, p.data[2])
	}
	d.status(20, true, p.act("Copy"))
	d.Released()
	if got := p.messages(); !strings.HasSuffix(got, "XdndDrop→20") {
		t.Fatalf("messages after release = %q", got)
	}
	out.none(t)
	d.finished(20, true, p.act("Copy"))
	if r := out.wait(t); r != Dropped {
		t.Errorf("result = %v, want dropped", r)
	}
	if data, typ, ok := d.selectionData(typeURIList); !ok || typ != typeURIList ||
		string(data) != "file:///tmp/drag%201/adele@contoso.com_648x648.jpg\r\n" {
		t.Errorf("uri-list = %q %q %v", data, typ, ok)
	}
	if data, _, ok := d.selectionData(typePNG); !ok || string(data) != "\x89PNG" {
		t.Errorf("png = %q %v", data, ok)
	}
	if _, _, ok := d.selectionData("text/html"); ok {
		t.Error("a type not on offer was converted")
	}
}

// Moving from one target to another leaves the first.
func TestMovingBetweenTargetsLeavesTheFirst(t *testing.T) {
	p := newFakePeer()
	p.columns[1], p.columns[2] = 11, 12
	d, out := newTestDrag(p)
	p.moveTo(150, 0)
	d.Moved()
	d.status(11, false, 0)
	p.moveTo(250, 0)
	d.Moved()
	p.moveTo(50, 0)
	d.Moved()
	want := "XdndEnter→11 XdndPosition→11 XdndLeave→11 XdndEnter→12 XdndPosition→12 XdndLeave→12"
	if got := p.messages(); got != want {
		t.Fatalf("messages = %q, want %q", got, want)
	}
	d.Released()
	if r := out.wait(t); r != NoTarget {
		t.Errorf("result = %v, want no target", r)
	}
}

// A target that says no gets XdndLeave at the release, and the drag says so.
func TestTargetThatRefuses(t *testing.T) {
	p := newFakePeer()
	p.columns[0] = 30
	d, out := newTestDrag(p)
	p.moveTo(10, 10)
	d.Moved()
	d.status(30, false, 0)
	d.Released()
	if r := out.wait(t); r != Refused {
		t.Errorf("result = %v, want refused", r)
	}
	if got := p.messages(); !strings.HasSuffix(got, "XdndLeave→30") || strings.Contains(got, "XdndDrop") {
		t.Errorf("messages = %q, want a leave and no drop", got)
	}
}

// A release before the status of the last position waits for it, then
// drops.
func TestReleaseWaitsForTheLastStatus(t *testing.T) {
	p := newFakePeer()
	p.columns[0] = 30
	d, out := newTestDrag(p)
	p.moveTo(10, 10)
	d.Moved()
	d.Released()
	if strings.Contains(p.messages(), "XdndDrop") {
		t.Fatal("dropped before the target answered")
	}
	d.status(30, true, p.act("Copy"))
	d.finished(30, true, p.act("Copy"))
	if r := out.wait(t); r != Dropped {
		t.Errorf("result = %v", r)
	}
}

// A target that vanishes mid-drag (no status, no finished) does not hang
// the drag.
func TestTargetThatVanishes(t *testing.T) {
	defer func(s, f time.Duration) { statusWait, finishedWait = s, f }(statusWait, finishedWait)
	statusWait, finishedWait = 20*time.Millisecond, 20*time.Millisecond

	p := newFakePeer()
	p.columns[0] = 30
	d, out := newTestDrag(p)
	p.moveTo(10, 10)
	d.Moved()
	d.Released() // no status ever comes
	if r := out.wait(t); r != TimedOut {
		t.Errorf("without a status: %v, want timed out", r)
	}

	d, out = newTestDrag(p)
	d.Moved()
	d.status(30, true, p.act("Copy"))
	d.Released() // dropped, but no finished ever comes
	if r := out.wait(t); r != TimedOut {
		t.Errorf("without finished: %v, want timed out", r)
	}
}

// Escape leaves the target and ends the drag; events after it change nothing.
func TestEscapeCancels(t *testing.T) {
	p := newFakePeer()
	p.columns[0] = 30
	d, out := newTestDrag(p)
	p.moveTo(10, 10)
	d.Moved()
	d.Cancel()
	if r := out.wait(t); r != Cancelled {
		t.Errorf("result = %v", r)
	}
	before := p.messages()
	d.status(30, true, p.act("Copy"))
	d.Released()
	d.Moved()
	if got := p.messages(); got != before+"" || !strings.HasSuffix(got, "XdndLeave→30") {
		t.Errorf("messages = %q, want nothing after the leave", got)
	}
	out.none(t)
}

// Version 5 targets can say the drop failed; older ones cannot.
func TestFinishedThatFailed(t *testing.T) {
	p := newFakePeer()
	p.columns[0] = 30
	d, out := newTestDrag(p)
	d.Moved()
	d.status(30, true, p.act("Copy"))
	d.Released()
	d.finished(30, false, 0)
	if r := out.wait(t); r != Refused {
		t.Errorf("v5 failed drop = %v, want refused", r)
	}

	p.version = 4
	d, out = newTestDrag(p)
	d.Moved()
	if v := p.data[len(p.data)-2][1] >> 24; v != 4 {
		t.Errorf("spoke version %d to a version 4 target", v)
	}
	d.status(30, true, p.act("Copy"))
	d.Released()
	d.finished(30, false, 0)
	if r := out.wait(t); r != Dropped {
		t.Errorf("v4 finished = %v, want dropped", r)
	}
}

// A drop is Dropped only when the target says it copied it (or moved it:
// the file is there too). Replayed as pcmanfm's Places pane answered below
// its places, where it would bookmark a folder: XdndStatus and
// XdndFinished say yes with XdndActionLink, and no file is made — that is
// not a drop to call done. A version 4 target's finished says nothing: the
// action of its last status counts.
func TestDropTakenWithoutACopyIsNotCopied(t *testing.T) {
	for _, c := range []struct {
		version              int
		statusAct, finishAct string // "" for None
		want                 Result
	}{
		{5, "Link", "Link", NotCopied}, // pcmanfm's Places pane, below the places
		{5, "Copy", "Copy", Dropped},   // its folder view, or a place's row
		{5, "Copy", "Move", Dropped},
		{5, "Private", "Private", NotCopied},
		{5, "Copy", "", NotCopied}, // yes, but no action: nothing says a file was made
		{4, "Link", "", NotCopied},
		{4, "Copy", "", Dropped},
	} {
		name := fmt.Sprintf("v%d %s then %s", c.version, c.statusAct, c.finishAct)
		p := newFakePeer()
		p.columns[0], p.version = 30, c.version
		act := func(a string) uint32 {
			if a == "" {
				return 0
			}
			return p.act(a)
		}
		var live liveDrags
		d, out := newTestDrag(p)
		live.add(d)
		p.moveTo(10, 10)
		d.Moved()
		// The words of the target's client messages, as the X event loop
		// hands them on: data[1] bit 0 says yes; the action is data[4] of
		// a status, data[2] of a finished.
		live.answered("XdndStatus", 30, [5]uint32{0: 30, 1: 3, 4: act(c.statusAct)})
		d.Released()
		if !strings.HasSuffix(p.messages(), "XdndDrop→30") {
			t.Fatalf("%s: messages = %q, want a drop", name, p.messages())
		}
		live.answered("XdndFinished", 30, [5]uint32{0: 30, 1: 1, 2: act(c.finishAct)})
		if r := out.wait(t); r != c.want {
			t.Errorf("%s: result = %v, want %v", name, r, c.want)
		}
	}
}

// A file that cannot be written is not offered.
func TestFileErrorIsNotOffered(t *testing.T) {
	d := newXDNDDrag(newFakePeer(), 1234, Item{File: func() (string, error) { return "", errors.New("disk full") }}, func(Result) {})
	if _, _, ok := d.selectionData(typeURIList); ok {
		t.Error("a failed file was offered")
	}
	if len(d.types) != 1 {
		t.Errorf("types without a PNG = %v", d.types)
	}
}

// A release while a newer position waits for the target's answer sends
// that position first and drops only after the target answered for it:
// the drop lands where the button came up.
func TestReleaseAfterAQueuedPositionDropsThere(t *testing.T) {
	p := newFakePeer()
	p.columns[0] = 30
	d, out := newTestDrag(p)
	p.moveTo(10, 10)
	d.Moved()
	p.moveTo(60, 70) // queued: the first position has no answer yet
	d.Moved()
	d.Released()
	d.status(30, true, p.act("Copy")) // the answer to 10,10
	if got := p.messages(); strings.Contains(got, "XdndDrop") || p.data[len(p.data)-1][2] != 60<<16|70 {
		t.Fatalf("messages = %q, last %v; want the queued position sent, no drop yet", got, p.data[len(p.data)-1])
	}
	d.status(30, true, p.act("Copy")) // the answer to 60,70
	if got := p.messages(); !strings.HasSuffix(got, "XdndDrop→30") {
		t.Fatalf("messages = %q, want the drop now", got)
	}
	d.finished(30, true, p.act("Copy"))
	if r := out.wait(t); r != Dropped {
		t.Errorf("result = %v", r)
	}
}

// A drop whose data is still on its way (an avatar's photo being fetched)
// is held rather than judged on the target's "no", which the target gave
// while it could not have the data: once the data is at hand the target is
// asked again where the button came up — and, as pcmanfm does, it asks for
// the data and says no at once; it is asked once more only when its
// request was answered, and the drop goes to it when it says yes.
func TestDropWaitsForTheItemsDataThenAsksAgain(t *testing.T) {
	ready := make(chan struct{})
	dropped := 0
	item := testItem()
	item.Ready, item.Dropped = ready, func() { dropped++ }
	p, d, out := overTarget(item)
	d.status(20, false, 0) // it asked for the data, got none, and says no
	d.Released()
	if dropped != 1 {
		t.Errorf("the item heard of the drop %d times, want once", dropped)
	}
	out.none(t)
	if m := p.messages(); strings.Contains(m, "XdndLeave") || strings.Contains(m, "XdndDrop") {
		t.Fatalf("the drop was decided before the data was at hand: %s", m)
	}
	close(ready)
	waitPositions(t, p, 2)
	d.requested()          // it asks for the data now…
	d.status(20, false, 0) // …and says no before it has it
	if n := positions(p); n != 2 {
		t.Fatalf("asked again (%d positions) before the target had the data: %s", n, p.messages())
	}
	d.answered(true)
	if n := positions(p); n != 3 {
		t.Fatalf("%d positions once the target had the data, want 3: %s", n, p.messages())
	}
	d.status(20, true, p.act("Copy"))
	if !strings.Contains(p.messages(), "XdndDrop→20") {
		t.Fatalf("no drop once the target said yes: %s", p.messages())
	}
	d.finished(20, true, p.act("Copy"))
	if r := out.wait(t); r != Dropped {
		t.Errorf("the drag ended %v, want dropped", r)
	}
}

// A target asked again after the hold that says no without having been
// given the data (it did not ask, or the data never came) refuses the drop
// at once; one given the data is asked again reasks times at most.
func TestHeldDropRefusedAfterAskingAgain(t *testing.T) {
	for _, given := range []bool{false, true} {
		p, d, out := heldThenReady(t)
		if given {
			for range reasks {
				d.requested()
				d.answered(true)
				d.status(20, false, 0)
			}
			out.none(t)
			if n := positions(p); n != 2+reasks {
				t.Fatalf("%d positions, want %d: %s", n, 2+reasks, p.messages())
			}
			d.requested()
			d.answered(true)
		}
		d.status(20, false, 0)
		if r := out.wait(t); r != Refused {
			t.Errorf("given the data %v: the drag ended %v, want refused", given, r)
		}
		if m := p.messages(); strings.Contains(m, "XdndDrop") || !strings.HasSuffix(m, "XdndLeave→20") {
			t.Errorf("given the data %v: want a leave and no drop for a target that said no: %s", given, m)
		}
	}
}

// A target asked again after the hold is not given up on while the data
// it asked for is still being given (a file written, a PNG encoded): its
// wait for an answer starts again; and a drag cancelled while its drop is
// held ends the hold at once, rather than when the item's data comes or
// the hold's half-minute is up.
func TestHeldDropWaitsWhileTheDataIsGivenAndEndsWithTheDrag(t *testing.T) {
	p, d, out := heldThenReady(t)
	d.requested()
	d.statusTimedOut() // the wait for its answer ends while it is given the data
	out.none(t)
	if m := p.messages(); strings.Contains(m, "XdndLeave") {
		t.Fatalf("left the target while giving it the data: %s", m)
	}
	d.answered(true)
	d.status(20, true, p.act("Copy"))
	if !strings.Contains(p.messages(), "XdndDrop→20") {
		t.Fatalf("no drop once the target had the data and said yes: %s", p.messages())
	}

	held := newXDNDDrag(p, 1300, testItem(), out.done)
	held.item.Ready = make(chan struct{}) // never ready
	ended := make(chan struct{})
	go func() { held.dropWhenReady(); close(ended) }()
	held.Cancel()
	select {
	case <-ended:
	case <-time.After(10 * time.Second): // a guard against hanging, not a timing
		t.Fatal("the hold went on after the drag was cancelled")
	}
}

// heldThenReady is a drag dropped on a target that said no while the
// item's data was not at hand (so the drop was held), the data then
// ready and the target asked again: two positions sent.
func heldThenReady(t *testing.T) (*fakePeer, *xdndDrag, outcome) {
	t.Helper()
	ready := make(chan struct{})
	item := testItem()
	item.Ready = ready
	p, d, out := overTarget(item)
	d.status(20, false, 0)
	d.Released()
	close(ready)
	waitPositions(t, p, 2)
	return p, d, out
}

func positions(p *fakePeer) int { return strings.Count(p.messages(), "XdndPosition→20") }

// waitPositions waits for the drag's goroutine to have sent n positions,
// counting again at each message the fake peer signals.
func waitPositions(t *testing.T, p *fakePeer, n int) {
	t.Helper()
	deadline := time.NewTimer(5 * time.Second) // a guard against hanging, not a timing
	defer deadline.Stop()
	for positions(p) < n {
		select {
		case <-p.sentOne:
		case <-deadline.C:
			t.Fatalf("the target was not asked again once the data was at hand: %s", p.messages())
		}
	}
}

// A target that asks for the data at a position and says no at once (as
// pcmanfm's folder view does, deciding only once it has the files), with
// the button let go right there, is asked again where the button came up
// once it was given the data, and the drop goes to it when it says yes —
// whether its no came before the release or after it. A photo at hand
// (the viewer's, an avatar already fetched) used to be refused there: only
// a drop held for its data was asked again, so a drag released on the
// first position over a folder view never landed.
func TestReleaseWhereTheTargetFirstAskedIsAskedAgain(t *testing.T) {
	for _, noFirst := range []bool{true, false} {
		p, d, out := overTarget(testItem())
		d.requested()
		d.answered(true)
		if noFirst {
			d.status(20, false, 0)
			d.Released()
		} else {
			d.Released()
			d.status(20, false, 0)
		}
		out.none(t)
		if n := positions(p); n != 2 {
			t.Fatalf("no before the release %v: %d positions after the target's no, want it asked again: %s", noFirst, n, p.messages())
		}
		d.status(20, true, p.act("Copy"))
		if !strings.HasSuffix(p.messages(), "XdndDrop→20") {
			t.Fatalf("no before the release %v: no drop once the target said yes: %s", noFirst, p.messages())
		}
		d.finished(20, true, p.act("Copy"))
		if r := out.wait(t); r != Dropped {
			t.Errorf("no before the release %v: the drag ended %v, want dropped", noFirst, r)
		}
	}
}

// A target still being given the data it asked for when the button comes
// up, having said no, is asked again once the data is given.
func TestReleaseWhileTheTargetIsGivenTheDataAsksAgainAfter(t *testing.T) {
	p, d, out := overTarget(testItem())
	d.requested()
	d.status(20, false, 0)
	d.Released()
	if n := positions(p); n != 1 {
		t.Fatalf("asked again (%d positions) before the target had the data: %s", n, p.messages())
	}
	d.answered(true)
	if n := positions(p); n != 2 {
		t.Fatalf("%d positions once the target had the data, want 2: %s", n, p.messages())
	}
	d.status(20, true, p.act("Copy"))
	d.finished(20, true, p.act("Copy"))
	if r := out.wait(t); r != Dropped {
		t.Errorf("the drag ended %v, want dropped", r)
	}
}
