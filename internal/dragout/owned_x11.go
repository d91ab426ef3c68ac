//go:build linux || freebsd || netbsd || openbsd || dragonfly

package dragout

// ownedDrags remembers the last few drags by the server time each took
// XdndSelection at. A target asks for the dropped data with the time of the
// drop (XdndDrop's timestamp, the drag's own), and may ask late: a file
// manager copying slowly, or one that asks again. By then the next drag may
// own the selection, and answering with it would save the newer photo under
// the older drop. ICCCM's rule for a selection's owner: answer a request as
// the owner was at its time.
type ownedDrags struct {
	kept  [4]ownedDrag
	count int
}

// ownedDrag is one drag kept, and its place in the order of taking, for
// drags within one millisecond.
type ownedDrag struct {
	seq  int
	drag *xdndDrag
}

// add records d as owning the selection from its time (d.when, 0 when the
// server's time could not be read).
func (o *ownedDrags) add(d *xdndDrag) {
	o.kept[o.count%len(o.kept)] = ownedDrag{seq: o.count, drag: d}
	o.count++
}

// at is the drag that owned the selection at server time t: the latest one
// taken at or before t. A request at CurrentTime (0), or any request while
// a drag's time is unknown, gets current, the latest; a request older than
// every drag kept gets nil, refused.
func (o *ownedDrags) at(t uint32, current *xdndDrag) *xdndDrag {
	if t == 0 {
		return current
	}
	var best *ownedDrag
	for i := range min(o.count, len(o.kept)) {
		e := &o.kept[i]
		if e.drag.when == 0 {
			return current
		}
		// X times wrap after 49.7 days: compare by difference.
		if int32(t-e.drag.when) >= 0 && (best == nil || later(e, best)) {
			best = e
		}
	}
	if best == nil {
		return nil
	}
	return best.drag
}

// later reports whether a took the selection after b.
func later(a, b *ownedDrag) bool {
	if a.drag.when == b.drag.when {
		return a.seq > b.seq
	}
	return int32(a.drag.when-b.drag.when) > 0
}
