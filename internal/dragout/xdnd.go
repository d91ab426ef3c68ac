package dragout

import (
	"sync"
	"time"
)

// xdndVersion is the XDND protocol version Photo Desk speaks
// (https://freedesktop.org/wiki/Specifications/XDND/).
const xdndVersion = 5

// Offered types, in the order targets should prefer them.
const (
	typeURIList = "text/uri-list"
	typePNG     = "image/png"
)

// How long a drag waits on a target: for the status of the last position
// before a drop, and for XdndFinished after it. A target that says nothing
// in that time has gone away or hung; the drag ends rather than waiting on.
var (
	statusWait   = 2 * time.Second
	finishedWait = 30 * time.Second
)

// holdWait bounds holding a drop for an item's data (Item.Ready), should
// the item never say it is ready: the drop then goes on without it.
var holdWait = 30 * time.Second

// reasks is how many more positions a drop sends where the button came up
// while the target still says no — after a hold for its data, or released
// where the target first asked for the data: a target asks for the
// data in answer to one position, answers that one at once (no, as it has
// nothing yet) and decides with the data at the next. Each is sent only
// once the target was given the data it asked for (requested, answered).
const reasks = 3

// xpeer is what the XDND state machine needs of the X server: the real
// connection (x11_unix.go) and a fake peer in tests.
type xpeer interface {
	// atom is the atom for name, interned once.
	atom(name string) uint32
	// pointer is where the pointer is, in root coordinates.
	pointer() (x, y int, err error)
	// targetAt is the XDND-aware top window under the pointer and the
	// protocol version it speaks; 0 when there is none (or it is the
	// source's own window).
	targetAt(x, y int) (win uint32, version int)
	// send sends a client message of type msg to win.
	send(win uint32, msg string, data [5]uint32) error
	// source is the window the drag's messages come from, which owns
	// XdndSelection.
	source() (win uint32)
}

// xdndDrag is one drag speaking XDND as the source. Pointer events arrive
// from the UI goroutine, the target's messages from the X event loop.
type xdndDrag struct {
	peer  xpeer
	when  uint32 // server time the drag took XdndSelection at: its position and drop messages carry it
	item  Item
	types []string // offered, as names
	done  func(Result)

	mu           sync.Mutex
	target       uint32 // the window the pointer is over; 0 for none
	version      int    // the protocol version spoken with target
	accepted     bool   // target said it would take a drop here
	action       uint32 // the action target said it would take a drop with here
	awaiting     bool   // a position was sent and its status has not come
	pending      bool   // a position waits for that status
	px, py       int    // the pending position
	lastX, lastY int    // the last position sent or pending
	moved        bool   // a position was sent at all
	released     bool   // the button came up
	holding      bool   // the drop waits for the item's data (Item.Ready)
	reasking     bool   // the button is up (and any hold over): a no is asked again if the target was given the data
	asks         int    // positions left to re-send to a target saying no after the release
	requests     int    // a target's requests for the data being answered
	given        bool   // data was given to a request since the last position
	askAfter     bool   // a no came while a request was being answered: ask again after it
	dropSent     bool
	ended        bool
	statusTimer  *time.Timer
	finishTimer  *time.Timer
	stop         chan struct{} // closed when the drag ends: a hold waits no longer
}

// newXDNDDrag is a drag of item whose source took XdndSelection at server
// time when; done hears how it ended.
func newXDNDDrag(peer xpeer, when uint32, item Item, done func(Result)) *xdndDrag {
	types := []string{typeURIList}
	if item.PNG != nil {
		types = append(types, typePNG)
	}
	return &xdndDrag{peer: peer, when: when, item: item, types: types, done: done, stop: make(chan struct{})}
}

// Moved follows the pointer: leaving one target, entering the next, and
// telling the target under the pointer where it is — one position at a
// time, as the protocol asks, the newest kept while a status is awaited.
func (d *xdndDrag) Moved() {
	x, y, err := d.peer.pointer()
	if err != nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ended || d.released {
		return
	}
	d.moveLocked(x, y)
}

func (d *xdndDrag) moveLocked(x, y int) {
	win, version := d.peer.targetAt(x, y)
	if win != d.target {
		if d.target != 0 {
			d.sendLocked(d.target, "XdndLeave", [5]uint32{})
		}
		d.target, d.version, d.accepted, d.action, d.awaiting, d.pending = win, min(version, xdndVersion), false, 0, false, false
		if win != 0 {
			d.enterLocked()
		}
	}
	if d.target == 0 {
		return
	}
	d.lastX, d.lastY, d.moved = x, y, true
	if d.awaiting {
		d.pending, d.px, d.py = true, x, y
		return
	}
	d.positionLocked(x, y)
}

// enterLocked tells the new target which types are on offer.
func (d *xdndDrag) enterLocked() {
	var data [5]uint32
	data[1] = uint32(d.version) << 24
	if len(d.types) > 3 {
		data[1] |= 1 // more types than fit: the target reads XdndTypeList
	}
	for i, t := range d.types[:min(3, len(d.types))] {
		data[2+i] = d.peer.atom(t)
	}
	d.sendLocked(d.target, "XdndEnter", data)
}

func (d *xdndDrag) positionLocked(x, y int) {
	d.given = false
	d.sendLocked(d.target, "XdndPosition", [5]uint32{1: 0, 2: uint32(x)<<16 | uint32(y)&0xffff, 3: d.when, 4: d.peer.atom("XdndActionCopy")})
	d.awaiting = true
}

// sendLocked sends msg with the source window in data[0].
func (d *xdndDrag) sendLocked(win uint32, msg string, data [5]uint32) {
	data[0] = d.peer.source()
	_ = d.peer.send(win, msg, data) // a target that vanished just times out
}

// status handles XdndStatus from win: whether it takes a drop here, and
// with which action.
func (d *xdndDrag) status(win uint32, accept bool, action uint32) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ended || win != d.target || !d.awaiting {
		return
	}
	d.awaiting, d.accepted, d.action = false, accept, action
	if d.pending {
		// The pointer moved on since: tell the target where it is now and
		// wait for its answer there, also when the button is already up —
		// a drop must land where it was released, not where it was.
		d.pending = false
		d.positionLocked(d.px, d.py)
		return
	}
	if !d.released || d.holding {
		return
	}
	if !accept && d.reasking {
		if d.requests > 0 {
			d.askAfter = true // its no may be from before it has the data
			return
		}
		d.reaskLocked()
		return
	}
	if d.statusTimer != nil {
		d.statusTimer.Stop()
	}
	d.dropOrLeaveLocked()
}

// awaitsStatus reports whether d waits for an XdndStatus from win.
func (d *xdndDrag) awaitsStatus(win uint32) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return !d.ended && d.awaiting && d.target == win
}

// awaitsFinished reports whether d dropped on win and waits for its
// XdndFinished.
func (d *xdndDrag) awaitsFinished(win uint32) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return !d.ended && d.dropSent && d.target == win
}

// Released drops on the target under the pointer if it said it takes the
// drop; a status still awaited is waited for (statusWait) first, and a no
// from a target that was given the data it asked for since the last
// position is asked again (reaskLocked).
func (d *xdndDrag) Released() {
	x, y, err := d.peer.pointer()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ended || d.released {
		return
	}
	if d.item.Dropped != nil {
		d.item.Dropped()
	}
	if err == nil && (!d.moved || x != d.lastX || y != d.lastY) {
		d.moveLocked(x, y) // the pointer moved since the last event
	}
	d.released = true
	switch {
	case d.target == 0:
		d.endLocked(NoTarget)
	case !d.itemReady():
		// The target judged the drop without the data, which it could not
		// have yet: hold the drop until it is at hand, then ask again.
		d.holding = true
		go d.dropWhenReady()
	case d.awaiting:
		// Its answer may be a no given as it asked for the data: status
		// asks again then, as after a hold.
		d.reasking, d.asks = true, reasks
		d.statusTimer = time.AfterFunc(statusWait, d.statusTimedOut)
	case !d.accepted:
		// A target that asked for the data at the last position said no
		// before it had it (pcmanfm does): released right there, it is
		// asked again once given the data, rather than refused on a
		// no about data it could not have seen.
		d.reasking, d.asks = true, reasks
		d.statusTimer = time.AfterFunc(statusWait, d.statusTimedOut)
		if d.requests > 0 {
			d.askAfter = true
			return
		}
		d.reaskLocked()
	default:
		d.dropOrLeaveLocked()
	}
}

// itemReady reports whether the item's data answers at once.
func (d *xdndDrag) itemReady() bool {
	if d.item.Ready == nil {
		return true
	}
	select {
	case <-d.item.Ready:
		return true
	default:
		return false
	}
}

// dropWhenReady waits for the item's data, then asks the target where the
// button came up again (reasks times at most while it says no) and drops
// if it takes it. A status still on its way answers a position sent
// before the data was at hand: the asking again starts from it.
func (d *xdndDrag) dropWhenReady() {
	hold := time.NewTimer(holdWait)
	defer hold.Stop()
	select {
	case <-d.item.Ready:
	case <-hold.C:
	case <-d.stop: // cancelled, or the source closed, while held
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ended {
		return
	}
	d.holding, d.reasking, d.asks = false, true, reasks
	if !d.awaiting {
		d.positionLocked(d.lastX, d.lastY)
	}
	d.statusTimer = time.AfterFunc(statusWait, d.statusTimedOut)
}

// reaskLocked answers a target's no after the hold: it is asked again
// where the button came up if it was given the data since it was last
// asked (it decides with the data at the next position), else the drop is
// refused.
func (d *xdndDrag) reaskLocked() {
	if d.given && d.asks > 0 {
		d.asks--
		d.positionLocked(d.lastX, d.lastY)
		if d.statusTimer != nil {
			d.statusTimer.Reset(statusWait) // each ask has its own wait for the answer
		}
		return
	}
	if d.statusTimer != nil {
		d.statusTimer.Stop()
	}
	d.dropOrLeaveLocked()
}

// requested says a target asked for the drag's data; answered says the
// answer went out, given when it carried the data. A target asked again
// after the hold is asked once more only after its request was answered:
// until then it could only say no.
func (d *xdndDrag) requested() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.requests++
}

// answered: see requested.
func (d *xdndDrag) answered(given bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.requests--
	d.given = d.given || given
	if d.askAfter && d.requests == 0 && !d.ended {
		d.askAfter = false
		d.reaskLocked()
	}
}

func (d *xdndDrag) statusTimedOut() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ended || d.dropSent {
		return
	}
	if d.reasking && d.requests > 0 {
		// The target is being given the data it asked for (a file written,
		// a PNG encoded): it answers once it has it.
		d.statusTimer.Reset(statusWait)
		return
	}
	d.sendLocked(d.target, "XdndLeave", [5]uint32{})
	d.endLocked(TimedOut)
}

// dropOrLeaveLocked ends the drag on its target: XdndDrop when the target
// takes it, else XdndLeave.
func (d *xdndDrag) dropOrLeaveLocked() {
	if !d.accepted {
		d.sendLocked(d.target, "XdndLeave", [5]uint32{})
		d.endLocked(Refused)
		return
	}
	// The drag's own time, not the source's latest: a drop sent after its
	// last status came may follow the next drag's start, and the target
	// asks for the data with this time (ownedDrags).
	d.sendLocked(d.target, "XdndDrop", [5]uint32{2: d.when})
	d.dropSent = true
	d.finishTimer = time.AfterFunc(finishedWait, d.finishTimedOut)
}

// finished handles XdndFinished from win. From version 5 on it says
// whether the drop succeeded and with which action; an older target said
// only, in its last status, which action it would take. A drop taken is
// Dropped only when that action is a copy (or a move, which leaves the
// file there too): a target may take a file and do something else with it
// — pcmanfm's Places pane answers "link" below its places, where it would
// bookmark a folder, and makes nothing for a file.
func (d *xdndDrag) finished(win uint32, succeeded bool, action uint32) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ended || !d.dropSent || win != d.target {
		return
	}
	d.finishTimer.Stop()
	if d.version < 5 {
		succeeded, action = true, d.action
	}
	switch {
	case !succeeded:
		d.endLocked(Refused)
	case action == d.peer.atom("XdndActionCopy") || action == d.peer.atom("XdndActionMove"):
		d.endLocked(Dropped)
	default:
		d.endLocked(NotCopied)
	}
}

func (d *xdndDrag) finishTimedOut() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.ended {
		d.endLocked(TimedOut)
	}
}

// Cancel leaves the target, if any, and ends the drag (Escape). A drop
// already sent cannot be taken back.
func (d *xdndDrag) Cancel() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ended || d.dropSent {
		return
	}
	if d.target != 0 {
		d.sendLocked(d.target, "XdndLeave", [5]uint32{})
	}
	d.endLocked(Cancelled)
}

func (d *xdndDrag) endLocked(r Result) {
	if !d.ended && d.stop != nil {
		close(d.stop)
	}
	d.ended = true
	if d.statusTimer != nil {
		d.statusTimer.Stop()
	}
	go d.done(r) // never under the lock: done may start another drag
}

// selectionData is what the drag's owner answers a request to convert
// XdndSelection to target (an atom name): the file as a URI list, or the
// PNG. ok is false for a type not on offer.
func (d *xdndDrag) selectionData(target string) (data []byte, typ string, ok bool) {
	return itemData(d.item, target)
}

// itemData is item converted to target (an atom name) for a drop or a
// paste: the file as a URI list, or the PNG. ok is false for a type not on
// offer, or whose data the item could not give.
func itemData(item Item, target string) (data []byte, typ string, ok bool) {
	switch target {
	case typeURIList:
		path, err := item.File()
		if err != nil {
			return nil, "", false
		}
		return []byte(fileURI(path) + "\r\n"), typeURIList, true
	case typePNG:
		if item.PNG == nil {
			return nil, "", false
		}
		png, err := item.PNG()
		if err != nil {
			return nil, "", false
		}
		return png, typePNG, true
	}
	return nil, "", false
}
