//go:build windows

package dragout

import (
	"fmt"
	"unsafe"
)

// Copy file on Windows: the drag's data object — the file as CF_HDROP,
// the picture as "PNG" — and "Preferred DropEffect" saying copy (Explorer
// reads it to tell a copy's paste from a cut's), put on the clipboard with
// OleSetClipboard. The clipboard asks for the data when a program pastes
// (delayed rendering, on this thread's messages); Close renders it all
// onto the clipboard (OleFlushClipboard), so it pastes after Photo Desk
// quits too.

var (
	procOleSetClipboard       = ole32.NewProc("OleSetClipboard")
	procOleFlushClipboard     = ole32.NewProc("OleFlushClipboard")
	procOleIsCurrentClipboard = ole32.NewProc("OleIsCurrentClipboard")
)

// Copy puts item on the clipboard. Call it on the UI thread (the one OLE
// was initialised on, in New), which answers the pastes.
func (s *oleSource) Copy(item Item) error {
	d := &oleDrag{source: s, item: item, copied: true}
	d.data.vtbl = &dataObjVtbl
	ptr := uintptr(unsafe.Pointer(&d.data))
	livingMu.Lock()
	livingObjects[ptr] = &comRef{drag: d, refs: 1}
	livingMu.Unlock()
	r, _, _ := procOleSetClipboard.Call(ptr)
	// The clipboard holds a reference of its own while it keeps the copy,
	// and releases it when another copy replaces it.
	changeRefs(ptr, -1)
	if uint32(r) != sOK {
		return fmt.Errorf("OleSetClipboard: %#x", uint32(r))
	}
	// Kept here too, so its address is never another object's while
	// Close asks whether it is still the clipboard's.
	s.clip = d
	return nil
}

// Close leaves the copy on the clipboard, if it is still there, with its
// data rendered: the data object's answers end with the process.
func (s *oleSource) Close() error {
	if s.clip == nil {
		return nil
	}
	ptr := uintptr(unsafe.Pointer(&s.clip.data))
	if r, _, _ := procOleIsCurrentClipboard.Call(ptr); uint32(r) != sOK {
		return nil // another copy replaced it
	}
	if r, _, _ := procOleFlushClipboard.Call(); uint32(r) != sOK {
		return fmt.Errorf("OleFlushClipboard: %#x", uint32(r))
	}
	return nil
}
