package dragout

import (
	"slices"
	"sync"
)

// liveDrags are a source's drags that have not ended, oldest first. A
// target's XdndStatus and XdndFinished name only the target window, not the
// drag, and a drop's XdndFinished may come after the next drag has begun (a
// file manager copying a large file): each answer goes to the drag that
// waits for it from that window, not to the newest drag, or the dropped one
// would wait out finishedWait and say the target never answered.
type liveDrags struct {
	mu    sync.Mutex
	drags []*xdndDrag
}

// add records d as waiting for its target's answers until it ends.
func (l *liveDrags) add(d *xdndDrag) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.drags = append(l.drags, d)
}

// forget drops d, which has ended.
func (l *liveDrags) forget(d *xdndDrag) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.drags = slices.DeleteFunc(l.drags, func(e *xdndDrag) bool { return e == d })
}

// waiting is the oldest drag for which waits(win) holds: a target answers
// the messages it gets in the order they came, so the oldest question from
// it is the one answered. The drags are asked outside the list's lock,
// since a drag's own lock is held while it looks up targets.
func (l *liveDrags) waiting(win uint32, waits func(*xdndDrag, uint32) bool) *xdndDrag {
	l.mu.Lock()
	drags := slices.Clone(l.drags)
	l.mu.Unlock()
	for _, d := range drags {
		if waits(d, win) {
			return d
		}
	}
	return nil
}

// answered hands a target's XdndStatus or XdndFinished (msg), from the
// drop window win, to the drag that waits for it. data is the message's:
// bit 0 of data[1] says yes (takes the drop, or took it); the action is
// in data[4] of a status, data[2] of a finished.
func (l *liveDrags) answered(msg string, win uint32, data [5]uint32) {
	yes := data[1]&1 == 1
	switch msg {
	case "XdndStatus":
		if d := l.waiting(win, (*xdndDrag).awaitsStatus); d != nil {
			d.status(win, yes, data[4])
		}
	case "XdndFinished":
		if d := l.waiting(win, (*xdndDrag).awaitsFinished); d != nil {
			d.finished(win, yes, data[2])
		}
	}
}
