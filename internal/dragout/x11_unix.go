//go:build linux || freebsd || netbsd || openbsd || dragonfly

package dragout

import (
	"fmt"
	"sync"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// maxPropertyChunk is the most bytes one ChangeProperty carries: the core
// protocol's request size limit (256 KB) less the request's header. Longer
// data (a large PNG) is appended in chunks.
const maxPropertyChunk = 256*1024 - 64

// x11Source speaks XDND as a drag source on a connection of its own, next
// to the toolkit's: an unmapped input-only window sends the messages, owns
// XdndSelection and receives the targets' answers.
type x11Source struct {
	conn *xgb.Conn
	root xproto.Window
	win  xproto.Window // ours: the messages' source and the selection owner
	app  xproto.Window // the window dragged from, which is never a target

	atomMu sync.Mutex
	atoms  map[string]xproto.Atom
	names  map[xproto.Atom]string

	mu     sync.Mutex
	drag   *xdndDrag             // the drag in progress, or the last one (a target may ask for data late)
	recent ownedDrags            // the last few drags, for a target asking late (answer)
	live   liveDrags             // the drags not ended, for the targets' answers (its own lock)
	times  chan xproto.Timestamp // server times from PropertyNotify on win
	clip   *clipboardCopy        // what Copy put on CLIPBOARD, while win owns it (clipboard_x11.go)
	// XdndProxy (proxy_x11.go): a drop window's proxy, and the drop window
	// a proxy was last found for.
	proxyFor, proxiedBy map[uint32]uint32
}

// New is the drag source for the X11 window whose handle (Window id) is
// window, on the display in $DISPLAY.
func New(window uintptr) (Source, error) {
	conn, err := xgb.NewConn()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnsupported, err)
	}
	s := &x11Source{
		conn: conn, app: xproto.Window(window),
		atoms: map[string]xproto.Atom{}, names: map[xproto.Atom]string{},
		times:    make(chan xproto.Timestamp, 1),
		proxyFor: map[uint32]uint32{}, proxiedBy: map[uint32]uint32{},
	}
	s.root = xproto.Setup(conn).DefaultScreen(conn).Root
	if s.win, err = xproto.NewWindowId(conn); err == nil {
		err = xproto.CreateWindowChecked(conn, 0, s.win, s.root, -10, -10, 1, 1, 0,
			xproto.WindowClassInputOnly, 0, xproto.CwEventMask, []uint32{xproto.EventMaskPropertyChange}).Check()
	}
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("drag source window: %w", err)
	}
	// XdndAware on the source window too: some targets only answer
	// windows that speak the protocol.
	_ = xproto.ChangePropertyChecked(conn, xproto.PropModeReplace, s.win, s.xatom("XdndAware"),
		xproto.AtomAtom, 32, 1, u32s(xdndVersion)).Check()
	go s.loop()
	return s, nil
}

// Start takes XdndSelection and begins a drag of item.
func (s *x11Source) Start(item Item, done func(Result)) (Drag, error) {
	when := s.serverTime()
	if err := xproto.SetSelectionOwnerChecked(s.conn, s.win, s.xatom("XdndSelection"), when).Check(); err != nil {
		return nil, fmt.Errorf("own the drag selection: %w", err)
	}
	return s.track(s, uint32(when), item, done), nil
}

// track makes a drag of item, speaking to the X server through peer, that
// took XdndSelection at server time when, and keeps it: for requests for
// its data (recent) and, until it ends, for its target's answers (live).
func (s *x11Source) track(peer xpeer, when uint32, item Item, done func(Result)) *xdndDrag {
	var d *xdndDrag
	d = newXDNDDrag(peer, when, item, func(r Result) {
		s.live.forget(d)
		done(r)
	})
	s.mu.Lock()
	s.drag = d
	s.recent.add(d)
	s.mu.Unlock()
	s.live.add(d)
	return d
}

// Close ends the connection; a drag still going ends with it.
func (s *x11Source) Close() error {
	s.conn.Close()
	return nil
}

// serverTime is the X server's time now, from the PropertyNotify of an
// empty append to the source window (a drag's timestamps must be the
// server's, and the toolkit's events are not ours to read).
func (s *x11Source) serverTime() xproto.Timestamp {
	select {
	case <-s.times: // a late answer to an earlier ask would be stale
	default:
	}
	xproto.ChangeProperty(s.conn, xproto.PropModeAppend, s.win, s.xatom("_PHOTODESK_TIME"), xproto.AtomString, 8, 0, nil)
	select {
	case t := <-s.times:
		return t
	case <-time.After(time.Second):
		return xproto.TimeCurrentTime
	}
}

// dragAt is the drag whose data a request made at server time t asks for.
func (s *x11Source) dragAt(t xproto.Timestamp) *xdndDrag {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.recent.at(uint32(t), s.drag)
}

// loop reads the source connection's events: the targets' answers and
// their requests for the dragged data, and pastes of a copy.
func (s *x11Source) loop() {
	for {
		ev, xerr := s.conn.WaitForEvent()
		if ev == nil && xerr == nil {
			return // closed
		}
		switch e := ev.(type) {
		case xproto.ClientMessageEvent:
			if e.Window != s.win || e.Format != 32 {
				continue
			}
			data := e.Data.Data32
			for _, msg := range []string{"XdndStatus", "XdndFinished"} {
				if e.Type == s.xatom(msg) {
					s.live.answered(msg, s.answerer(data[0]), [5]uint32(data))
				}
			}
		case xproto.SelectionRequestEvent:
			if e.Selection == s.xatom("CLIPBOARD") {
				go s.answerClipboard(e) // a paste: off the loop, as a drop's
				continue
			}
			// Off the event loop: the data may take a while (an avatar's
			// photo is fetched on demand) and the loop must keep hearing
			// the targets' status and finished messages meanwhile.
			// Counted here, in the order the target's messages come: its
			// status after asking must find the request pending.
			d := s.dragAt(e.Time)
			if d != nil {
				d.requested()
			}
			go s.answer(e, d)
		case xproto.SelectionClearEvent:
			if e.Owner == s.win && e.Selection == s.xatom("CLIPBOARD") {
				s.clipboardLost(e.Time)
			}
		case xproto.PropertyNotifyEvent:
			if e.Window == s.win && e.Atom == s.xatom("_PHOTODESK_TIME") {
				select {
				case s.times <- e.Time:
				default:
				}
			}
		}
	}
}

// answer converts XdndSelection for a target, as ICCCM asks: the data of
// d, the drag that owned it at the request's time, in the requested
// property, then SelectionNotify (with no property when the type is not on
// offer).
func (s *x11Source) answer(e xproto.SelectionRequestEvent, d *xdndDrag) {
	property := requestProperty(e)
	ok := false
	switch {
	case d == nil || e.Selection != s.xatom("XdndSelection"):
	case e.Target == s.xatom("TARGETS"):
		list := []uint32{uint32(s.xatom("TARGETS"))}
		for _, t := range d.types {
			list = append(list, uint32(s.xatom(t)))
		}
		ok = s.put(e.Requestor, property, xproto.AtomAtom, 32, u32s(list...)) == nil
	default:
		if data, typ, has := d.selectionData(s.atomName(e.Target)); has {
			ok = s.put(e.Requestor, property, s.xatom(typ), 8, data) == nil
		}
	}
	s.notify(e, property, ok)
	if d != nil {
		d.answered(ok && e.Target != s.xatom("TARGETS"))
	}
}

// requestProperty is the property a SelectionRequest asks the data in.
func requestProperty(e xproto.SelectionRequestEvent) xproto.Atom {
	if e.Property == xproto.AtomNone {
		return e.Target // an obsolete requestor
	}
	return e.Property
}

// notify ends a SelectionRequest: SelectionNotify naming property when ok
// (the data is in it), no property when the request could not be met.
func (s *x11Source) notify(e xproto.SelectionRequestEvent, property xproto.Atom, ok bool) {
	if !ok {
		property = xproto.AtomNone
	}
	notify := xproto.SelectionNotifyEvent{Time: e.Time, Requestor: e.Requestor, Selection: e.Selection, Target: e.Target, Property: property}
	xproto.SendEvent(s.conn, false, e.Requestor, xproto.EventMaskNoEvent, string(notify.Bytes()))
}

// put writes data to a property of win, in chunks the core protocol can
// carry.
func (s *x11Source) put(win xproto.Window, property, typ xproto.Atom, format byte, data []byte) error {
	unit := int(format) / 8
	mode := byte(xproto.PropModeReplace)
	for start := 0; ; {
		end := min(len(data), start+maxPropertyChunk/unit*unit)
		chunk := data[start:end]
		if err := xproto.ChangePropertyChecked(s.conn, mode, win, property, typ, format, uint32(len(chunk)/unit), chunk).Check(); err != nil {
			return err
		}
		mode, start = xproto.PropModeAppend, end
		if start >= len(data) {
			return nil
		}
	}
}

// pointer implements xpeer.
func (s *x11Source) pointer() (int, int, error) {
	r, err := xproto.QueryPointer(s.conn, s.root).Reply()
	if err != nil {
		return 0, 0, err
	}
	return int(r.RootX), int(r.RootY), nil
}

// targetAt implements xpeer: the windows under the pointer, from the root
// down, until one that takes drops (itself or through its XdndProxy); the
// root itself where no window is under the pointer, as a desktop proxies
// it. The window dragged from is not a target: dropping a photo back on
// itself means nothing.
func (s *x11Source) targetAt(int, int) (uint32, int) {
	w := s.root
	for range 32 { // windows nest a few levels deep; never loop forever
		r, err := xproto.QueryPointer(s.conn, w).Reply()
		if err != nil {
			return 0, 0
		}
		if r.Child == xproto.WindowNone {
			if w == s.root {
				if v, ok := s.dropVersion(w); ok {
					return uint32(w), v
				}
			}
			return 0, 0
		}
		w = r.Child
		if w == s.app || w == s.win {
			return 0, 0
		}
		if v, ok := s.dropVersion(w); ok {
			return uint32(w), v
		}
	}
	return 0, 0
}

// xdndVersion reads a window's XdndAware property.
func (s *x11Source) xdndVersion(w xproto.Window) (int, bool) {
	r, err := xproto.GetProperty(s.conn, false, w, s.xatom("XdndAware"), xproto.GetPropertyTypeAny, 0, 1).Reply()
	if err != nil || r.Format != 32 || len(r.Value) < 4 {
		return 0, false
	}
	v := int(xgb.Get32(r.Value))
	return v, v >= 3 // versions before 3 are not worth speaking
}

// send implements xpeer.
func (s *x11Source) send(win uint32, msg string, data [5]uint32) error {
	ev := xproto.ClientMessageEvent{
		Format: 32, Window: xproto.Window(win), Type: s.xatom(msg),
		Data: xproto.ClientMessageDataUnionData32New(data[:]),
	}
	to := xproto.Window(s.destination(win)) // its XdndProxy, if it has one
	return xproto.SendEventChecked(s.conn, false, to, xproto.EventMaskNoEvent, string(ev.Bytes())).Check()
}

// source implements xpeer.
func (s *x11Source) source() uint32 { return uint32(s.win) }

// atom implements xpeer.
func (s *x11Source) atom(name string) uint32 { return uint32(s.xatom(name)) }

// xatom interns name once.
func (s *x11Source) xatom(name string) xproto.Atom {
	s.atomMu.Lock()
	defer s.atomMu.Unlock()
	if a, ok := s.atoms[name]; ok {
		return a
	}
	r, err := xproto.InternAtom(s.conn, false, uint16(len(name)), name).Reply()
	if err != nil {
		return xproto.AtomNone
	}
	s.atoms[name], s.names[r.Atom] = r.Atom, name
	return r.Atom
}

// atomName is the name of an atom, asked of the server when not interned here.
func (s *x11Source) atomName(a xproto.Atom) string {
	s.atomMu.Lock()
	name, ok := s.names[a]
	s.atomMu.Unlock()
	if ok {
		return name
	}
	r, err := xproto.GetAtomName(s.conn, a).Reply()
	if err != nil {
		return ""
	}
	return r.Name
}

// u32s is values as the bytes of a format-32 property.
func u32s(values ...uint32) []byte {
	b := make([]byte, 4*len(values))
	for i, v := range values {
		xgb.Put32(b[4*i:], v)
	}
	return b
}
