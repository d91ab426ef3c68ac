//go:build linux || freebsd || netbsd || openbsd || dragonfly

package dragout

import (
	"errors"
	"fmt"

	"github.com/jezek/xgb/xproto"
)

// Copy file on X11: the drag source's window owns the CLIPBOARD selection
// and answers requests for it with the item, as it answers a drop's. File
// managers paste files from x-special/gnome-copied-files (GNOME's Files,
// Thunar, pcmanfm, Caja, Nemo) or text/uri-list (KDE's Dolphin, mail
// programs); image/png is the picture, for an image editor or a chat.

// typeGnomeCopiedFiles is the file managers' own clipboard type: "copy"
// (not "cut": the file is not to be taken away) and the file's URI.
const typeGnomeCopiedFiles = "x-special/gnome-copied-files"

// clipboardCopy is what Copy put on CLIPBOARD, and the server time it took
// the selection at.
type clipboardCopy struct {
	item Item
	when xproto.Timestamp
}

// Copy takes CLIPBOARD for item. It stays ours until another program (or
// Photo Desk's image or text clipboard) takes it: SelectionClear.
func (s *x11Source) Copy(item Item) error {
	when := s.serverTime()
	clipboard := s.xatom("CLIPBOARD")
	// Kept before the selection is taken: a request may come at once.
	s.mu.Lock()
	previous := s.clip
	s.clip = &clipboardCopy{item: item, when: when}
	s.mu.Unlock()
	err := xproto.SetSelectionOwnerChecked(s.conn, s.win, clipboard, when).Check()
	if err == nil {
		// ICCCM: the server may not have made us the owner (a time older
		// than the selection's last change); only asking tells.
		var r *xproto.GetSelectionOwnerReply
		if r, err = xproto.GetSelectionOwner(s.conn, clipboard).Reply(); err == nil && r.Owner != s.win {
			err = errors.New("another program kept the clipboard")
		}
	}
	if err != nil {
		s.mu.Lock()
		s.clip = previous
		s.mu.Unlock()
		return fmt.Errorf("take the clipboard: %w", err)
	}
	return nil
}

// clipboardLost forgets the copy when another program took CLIPBOARD at
// server time t — not a copy made after that (its SelectionClear was on
// its way as Copy took the selection back).
func (s *x11Source) clipboardLost(t xproto.Timestamp) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.clip != nil && (s.clip.when == xproto.TimeCurrentTime || int32(t-s.clip.when) >= 0) {
		s.clip = nil
	}
}

// copied is the copy on CLIPBOARD, or nil.
func (s *x11Source) copied() *clipboardCopy {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clip
}

// clipboardTargets are the types a paste may ask for, TARGETS and
// TIMESTAMP (which ICCCM asks every owner to answer) first.
func (c *clipboardCopy) targets() []string {
	t := []string{"TARGETS", "TIMESTAMP", typeURIList, typeGnomeCopiedFiles}
	if c.item.PNG != nil {
		t = append(t, typePNG)
	}
	return t
}

// answerClipboard converts CLIPBOARD for a program pasting, as answer does
// XdndSelection for a drop target.
func (s *x11Source) answerClipboard(e xproto.SelectionRequestEvent) {
	property := requestProperty(e)
	c := s.copied()
	ok := c != nil && s.putClipboard(c, e.Requestor, property, s.atomName(e.Target)) == nil
	s.notify(e, property, ok)
}

// errNotOffered is a paste asking for a type the copy does not have.
var errNotOffered = errors.New("type not on the clipboard")

// putClipboard writes c as target into the requestor's property.
func (s *x11Source) putClipboard(c *clipboardCopy, win xproto.Window, property xproto.Atom, target string) error {
	switch target {
	case "TARGETS":
		var list []uint32
		for _, t := range c.targets() {
			list = append(list, uint32(s.xatom(t)))
		}
		return s.put(win, property, xproto.AtomAtom, 32, u32s(list...))
	case "TIMESTAMP":
		return s.put(win, property, xproto.AtomInteger, 32, u32s(uint32(c.when)))
	case typeGnomeCopiedFiles:
		path, err := c.item.File()
		if err != nil {
			return err
		}
		return s.put(win, property, s.xatom(typeGnomeCopiedFiles), 8, []byte("copy\n"+fileURI(path)))
	}
	data, typ, ok := itemData(c.item, target)
	if !ok {
		return errNotOffered
	}
	return s.put(win, property, s.xatom(typ), 8, data)
}
