//go:build windows

package dragout

import (
	"fmt"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// OLE drag and drop as the source (DoDragDrop): a data object offering the
// file as CF_HDROP and the image as the registered "PNG" format, and a
// drop source that drops on release and cancels on Escape. DoDragDrop runs
// its own modal loop on the UI thread, following the mouse itself, so a
// drag runs whole inside one Moved — not the first: the window cannot
// paint while the loop runs, so the drag waits a few frames (paintFirst)
// for the status bar to show what is being dragged and that Esc cancels.

var (
	ole32    = windows.NewLazySystemDLL("ole32.dll")
	kernel32 = windows.NewLazySystemDLL("kernel32.dll")
	user32   = windows.NewLazySystemDLL("user32.dll")
	shell32  = windows.NewLazySystemDLL("shell32.dll")

	procOleInitialize          = ole32.NewProc("OleInitialize")
	procDoDragDrop             = ole32.NewProc("DoDragDrop")
	procGlobalAlloc            = kernel32.NewProc("GlobalAlloc")
	procGlobalLock             = kernel32.NewProc("GlobalLock")
	procGlobalUnlock           = kernel32.NewProc("GlobalUnlock")
	procGlobalFree             = kernel32.NewProc("GlobalFree")
	procRegisterClipboardFormW = user32.NewProc("RegisterClipboardFormatW")
	procPostMessageW           = user32.NewProc("PostMessageW")
	procGetCursorPos           = user32.NewProc("GetCursorPos")
	procGetKeyState            = user32.NewProc("GetKeyState")
	procWindowFromPoint        = user32.NewProc("WindowFromPoint")
	procGetAncestor            = user32.NewProc("GetAncestor")
	procScreenToClient         = user32.NewProc("ScreenToClient")
	procSHCreateStdEnumFmtEtc  = shell32.NewProc("SHCreateStdEnumFmtEtc")
)

// HRESULTs and flags from the Windows SDK (objidl.h, oleidl.h, winerror.h).
const (
	sOK                     = 0
	sFalse                  = 1
	eNotImpl                = 0x80004001
	eNoInterface            = 0x80004002
	dvEFormatEtc            = 0x80040064
	oleEAdviseNotSupported  = 0x80040003
	dataSSameFormatEtc      = 0x00040130
	dragdropSDrop           = 0x00040100
	dragdropSCancel         = 0x00040101
	dragdropSUseDefaultCurs = 0x00040102

	// paintFirst is how long a drag waits, from its first move, before
	// DoDragDrop takes the UI thread: three frames at 60 Hz.
	paintFirst = 50 * time.Millisecond

	cfHDROP       = 15
	tymedHGlobal  = 1
	dvAspectCont  = 1
	dropEffectNo  = 0
	dropEffectCpy = 1
	mkLButton     = 0x0001
	mkRButton     = 0x0002
	mkMButton     = 0x0010
	vkLButton     = 0x01
	vkRButton     = 0x02
	vkMButton     = 0x04
	gaRoot        = 2
	wmMButtonUp   = 0x0208
	ghnd          = 0x0042 // GMEM_MOVEABLE | GMEM_ZEROINIT
	wmLButtonUp   = 0x0202
)

var (
	iidIUnknown    = windows.GUID{Data1: 0x00000000, Data4: [8]byte{0xC0, 0, 0, 0, 0, 0, 0, 0x46}}
	iidIDataObject = windows.GUID{Data1: 0x0000010e, Data4: [8]byte{0xC0, 0, 0, 0, 0, 0, 0, 0x46}}
	iidIDropSource = windows.GUID{Data1: 0x00000121, Data4: [8]byte{0xC0, 0, 0, 0, 0, 0, 0, 0x46}}
)

type formatEtc struct {
	cfFormat uint16
	ptd      uintptr
	aspect   uint32
	lindex   int32
	tymed    uint32
}

type stgMedium struct {
	tymed          uint32
	hGlobal        uintptr
	pUnkForRelease uintptr
}

type dropFiles struct {
	pFiles uint32
	x, y   int32
	fNC    int32
	fWide  int32
}

// comObject is what a COM interface pointer points at: the vtable first.
type comObject struct {
	vtbl *[12]uintptr
}

// The vtables, made once: syscall.NewCallback slots are few and never
// freed.
var (
	vtblOnce      sync.Once
	dataObjVtbl   [12]uintptr
	dropSrcVtbl   [12]uintptr
	livingMu      sync.Mutex
	livingObjects = map[uintptr]*comRef{} // COM this pointer → its drag, while anyone holds a reference
)

func makeVtables() {
	qi := syscall.NewCallback(queryInterface)
	addRef := syscall.NewCallback(func(this uintptr) uintptr { return uintptr(changeRefs(this, +1)) })
	release := syscall.NewCallback(func(this uintptr) uintptr { return uintptr(changeRefs(this, -1)) })
	notImpl := syscall.NewCallback(func(uintptr, uintptr, uintptr) uintptr { return eNotImpl })
	dataObjVtbl = [12]uintptr{
		qi, addRef, release,
		syscall.NewCallback(getData),
		notImpl, // GetDataHere
		syscall.NewCallback(queryGetData),
		syscall.NewCallback(getCanonicalFormatEtc),
		syscall.NewCallback(func(_, _, _, _ uintptr) uintptr { return eNotImpl }), // SetData
		syscall.NewCallback(enumFormatEtc),
		syscall.NewCallback(func(_, _, _, _, _ uintptr) uintptr { return oleEAdviseNotSupported }), // DAdvise
		syscall.NewCallback(func(_, _ uintptr) uintptr { return oleEAdviseNotSupported }),          // DUnadvise
		syscall.NewCallback(func(_, _ uintptr) uintptr { return oleEAdviseNotSupported }),          // EnumDAdvise
	}
	dropSrcVtbl = [12]uintptr{
		qi, addRef, release,
		syscall.NewCallback(queryContinueDrag),
		syscall.NewCallback(func(uintptr, uintptr) uintptr { return dragdropSUseDefaultCurs }), // GiveFeedback
	}
}

// oleSource drags from one window, and copies to the clipboard from it
// (clipboard_windows.go).
type oleSource struct {
	hwnd         uintptr
	cfPNG        uint16
	cfDropEffect uint16 // "Preferred DropEffect", which a copy on the clipboard carries

	clip *oleDrag // the data object Copy last put on the clipboard; nil before any
}

// New is the drag source for the window with handle hwnd.
func New(hwnd uintptr) (Source, error) {
	if r, _, _ := procOleInitialize.Call(0); uint32(r) != sOK && uint32(r) != sFalse {
		return nil, fmt.Errorf("%w: OleInitialize: %#x", ErrUnsupported, r)
	}
	vtblOnce.Do(makeVtables)
	return &oleSource{hwnd: hwnd, cfPNG: registerFormat("PNG"), cfDropEffect: registerFormat("Preferred DropEffect")}, nil
}

// registerFormat is the clipboard format registered under name.
func registerFormat(name string) uint16 {
	p, _ := windows.UTF16PtrFromString(name)
	cf, _, _ := procRegisterClipboardFormW.Call(uintptr(unsafe.Pointer(p)))
	return uint16(cf)
}

// Start makes the drag; it runs in its first Moved.
func (s *oleSource) Start(item Item, done func(Result)) (Drag, error) {
	return &oleDrag{source: s, item: item, done: done}, nil
}

// oleDrag is one DoDragDrop, or one copy on the clipboard (copied).
type oleDrag struct {
	source  *oleSource
	item    Item
	copied  bool // on the clipboard: it says the paste is a copy (Preferred DropEffect)
	done    func(Result)
	armed   time.Time // the first move; zero before it
	started bool      // DoDragDrop ran, or the drag ended before it could
	button  uint32    // the MK_ flags of the mouse buttons the drag is made with
	escaped bool
	data    comObject
	drop    comObject
}

// Moved runs the whole drag, modally, once the window has had paintFirst
// to show the drag in its status bar.
func (d *oleDrag) Moved() {
	if d.started {
		return
	}
	if d.armed.IsZero() {
		d.armed = time.Now()
	}
	if time.Since(d.armed) < paintFirst {
		return
	}
	d.started = true
	// Fyne drags with the middle button too, and a left-handed mouse's
	// primary button may read as the right one: the drag drops when the
	// buttons held now come up. With none held (let go already), the
	// first query drops where the pointer is, as the person did.
	for _, b := range [...]struct {
		vk uintptr
		mk uint32
	}{{vkLButton, mkLButton}, {vkRButton, mkRButton}, {vkMButton, mkMButton}} {
		if keyDown(b.vk) {
			d.button |= b.mk
		}
	}
	held := d.button != 0
	if !held {
		d.button = mkLButton | mkRButton | mkMButton
	}
	d.data.vtbl, d.drop.vtbl = &dataObjVtbl, &dropSrcVtbl
	dataPtr, dropPtr := uintptr(unsafe.Pointer(&d.data)), uintptr(unsafe.Pointer(&d.drop))
	// Our own reference to each object; a target that keeps the data
	// object after the drop (the shell does, for a slow copy) holds one of
	// its own, and the drag stays reachable — its memory where COM points
	// at it — until the last reference is released.
	livingMu.Lock()
	livingObjects[dataPtr], livingObjects[dropPtr] = &comRef{drag: d, refs: 1}, &comRef{drag: d, refs: 1}
	livingMu.Unlock()
	var effect uint32
	r, _, _ := procDoDragDrop.Call(dataPtr, dropPtr, dropEffectCpy, uintptr(unsafe.Pointer(&effect)))
	changeRefs(dataPtr, -1)
	changeRefs(dropPtr, -1)
	if held {
		// With none held, the window heard the real release already: a
		// second would read as a click on whatever is under the pointer.
		d.source.releaseButton(d.button)
	}
	go d.done(d.result(uint32(r), effect)) // an HRESULT is 32 bits; the register's upper half is not
}

// result is how a DoDragDrop that returned hr with the final effect
// ended. A release over a window that takes no drops is a drop with no
// effect, as is one its target refused: on Windows every place is some
// program's window (the desktop, the taskbar), so both read as refused.
func (d *oleDrag) result(hr, effect uint32) Result {
	switch {
	case hr == dragdropSDrop && effect != dropEffectNo:
		return Dropped
	case hr == dragdropSDrop, hr&0x80000000 != 0: // or the target's Drop failed
		return Refused
	case d.escaped:
		return Cancelled
	}
	return NoTarget // let go over Photo Desk's own window
}

// Released ends a drag released before DoDragDrop began (a flick shorter
// than paintFirst) with no target; after, DoDragDrop saw the release itself.
func (d *oleDrag) Released() { d.endUnstarted(NoTarget) }

// Cancel ends a drag cancelled (Escape) before DoDragDrop began; after,
// DoDragDrop saw the Escape itself.
func (d *oleDrag) Cancel() { d.endUnstarted(Cancelled) }

func (d *oleDrag) endUnstarted(r Result) {
	if d.started {
		return
	}
	d.started = true
	go d.done(r)
}

// releaseButton tells the window the button came up: DoDragDrop's loop
// ate the button-up message, and without it the window would go on
// thinking the button is held.
func (s *oleSource) releaseButton(button uint32) {
	var pt struct{ x, y int32 }
	procGetCursorPos.Call(uintptr(unsafe.Pointer(&pt)))
	procScreenToClient.Call(s.hwnd, uintptr(unsafe.Pointer(&pt)))
	lparam := uintptr(uint16(pt.x)) | uintptr(uint16(pt.y))<<16
	if button&(mkLButton|mkRButton) != 0 { // the primary, whichever it reads as
		procPostMessageW.Call(s.hwnd, wmLButtonUp, 0, lparam)
	}
	if button&mkMButton != 0 {
		procPostMessageW.Call(s.hwnd, wmMButtonUp, 0, lparam)
	}
}

// keyDown says whether virtual key vk (a mouse button too) is held.
func keyDown(vk uintptr) bool {
	r, _, _ := procGetKeyState.Call(vk)
	return uint16(r)&0x8000 != 0
}

// overOwnWindow says whether the pointer is over the window dragged from.
func (s *oleSource) overOwnWindow() bool {
	var pt struct{ x, y int32 }
	if ok, _, _ := procGetCursorPos.Call(uintptr(unsafe.Pointer(&pt))); ok == 0 {
		return false
	}
	// POINT is passed by value: on amd64 its 8 bytes fill one register.
	w, _, _ := procWindowFromPoint.Call(uintptr(uint32(pt.x)) | uintptr(uint32(pt.y))<<32)
	if w == 0 {
		return false
	}
	root, _, _ := procGetAncestor.Call(w, gaRoot)
	return root == s.hwnd
}

// comRef is a COM object's drag and its reference count.
type comRef struct {
	drag *oleDrag
	refs int32
}

// changeRefs adds delta to this object's references and forgets it at
// zero; it returns the count left, as AddRef and Release report it.
func changeRefs(this uintptr, delta int32) int32 {
	livingMu.Lock()
	defer livingMu.Unlock()
	r, ok := livingObjects[this]
	if !ok {
		return 0
	}
	r.refs += delta
	if r.refs <= 0 {
		delete(livingObjects, this)
		return 0
	}
	return r.refs
}

func dragOf(this uintptr) *oleDrag {
	livingMu.Lock()
	defer livingMu.Unlock()
	if r, ok := livingObjects[this]; ok {
		return r.drag
	}
	return nil
}

// queryInterface hands out the object itself for the interfaces it has,
// with a reference of the caller's own, as COM's contract says: the caller
// releases it, and without this AddRef the object was forgotten after the
// first caller did — COM's marshalling asks for IUnknown when it passes
// the data object to another process, and so the target's GetData at the
// drop found no drag (seen under Wine, scripts/wine-drag.sh).
func queryInterface(this uintptr, iid *windows.GUID, out *uintptr) uintptr {
	d := dragOf(this)
	switch {
	case d == nil:
	case *iid == iidIUnknown,
		*iid == iidIDataObject && this == uintptr(unsafe.Pointer(&d.data)),
		*iid == iidIDropSource && this == uintptr(unsafe.Pointer(&d.drop)):
		changeRefs(this, +1)
		*out = this
		return sOK
	}
	*out = 0
	return eNoInterface
}

// offered says whether f asks for a format on offer, in a global handle.
func (d *oleDrag) offered(f *formatEtc) bool {
	if f.tymed&tymedHGlobal == 0 || f.aspect != dvAspectCont {
		return false
	}
	return f.cfFormat == cfHDROP || (f.cfFormat == d.source.cfPNG && d.item.PNG != nil) ||
		(f.cfFormat == d.source.cfDropEffect && d.copied)
}

func queryGetData(this uintptr, f *formatEtc) uintptr {
	d := dragOf(this)
	if d == nil || !d.offered(f) {
		return dvEFormatEtc
	}
	return sOK
}

func getData(this uintptr, f *formatEtc, m *stgMedium) uintptr {
	d := dragOf(this)
	if d == nil || !d.offered(f) {
		return dvEFormatEtc
	}
	var data []byte
	switch f.cfFormat {
	case cfHDROP:
		path, err := d.item.File()
		if err != nil {
			return dvEFormatEtc
		}
		data = hdrop(path)
	case d.source.cfDropEffect:
		data = []byte{dropEffectCpy, 0, 0, 0} // a DWORD, little-endian
	default:
		png, err := d.item.PNG()
		if err != nil {
			return dvEFormatEtc
		}
		data = png
	}
	h, err := globalCopy(data)
	if err != nil {
		return eNotImpl
	}
	m.tymed, m.hGlobal, m.pUnkForRelease = tymedHGlobal, h, 0
	return sOK
}

func enumFormatEtc(this, direction, ppenum uintptr) uintptr {
	d := dragOf(this)
	if d == nil || uint32(direction) != 1 { // DATADIR_GET only
		return eNotImpl
	}
	formats := []formatEtc{{cfFormat: cfHDROP, aspect: dvAspectCont, lindex: -1, tymed: tymedHGlobal}}
	if d.item.PNG != nil {
		formats = append(formats, formatEtc{cfFormat: d.source.cfPNG, aspect: dvAspectCont, lindex: -1, tymed: tymedHGlobal})
	}
	if d.copied {
		formats = append(formats, formatEtc{cfFormat: d.source.cfDropEffect, aspect: dvAspectCont, lindex: -1, tymed: tymedHGlobal})
	}
	hr, _, _ := procSHCreateStdEnumFmtEtc.Call(uintptr(len(formats)), uintptr(unsafe.Pointer(&formats[0])), ppenum)
	return hr
}

// queryContinueDrag drops when the drag's button comes up — except over
// Photo Desk's own window, which Windows would hand the file to as a drop
// (GLFW accepts dropped files): a drag let go there went nowhere.
func queryContinueDrag(this, escapePressed, keyState uintptr) uintptr {
	d := dragOf(this)
	if d == nil {
		return dragdropSCancel
	}
	// BOOL and DWORD arguments fill only the low 32 bits of their
	// register; the upper half is whatever was there.
	switch {
	case uint32(escapePressed) != 0:
		d.escaped = true
		return dragdropSCancel
	case uint32(keyState)&d.button != 0:
		return sOK
	case d.source.overOwnWindow():
		return dragdropSCancel
	}
	if d.item.Dropped != nil {
		d.item.Dropped() // before the target's Drop asks for the data
	}
	return dragdropSDrop
}

// hdrop is a DROPFILES with one wide path, double-NUL terminated.
func hdrop(path string) []byte {
	wide, _ := windows.UTF16FromString(path) // ends in one NUL
	wide = append(wide, 0)
	head := dropFiles{pFiles: uint32(unsafe.Sizeof(dropFiles{})), fWide: 1}
	b := make([]byte, int(head.pFiles)+2*len(wide))
	*(*dropFiles)(unsafe.Pointer(&b[0])) = head
	for i, c := range wide {
		b[int(head.pFiles)+2*i], b[int(head.pFiles)+2*i+1] = byte(c), byte(c>>8)
	}
	return b
}

// globalCopy is data in a new movable global memory block, which the
// target frees.
func globalCopy(data []byte) (uintptr, error) {
	h, _, err := procGlobalAlloc.Call(ghnd, uintptr(len(data)))
	if h == 0 {
		return 0, err
	}
	p, _, err := procGlobalLock.Call(h)
	if p == 0 {
		procGlobalFree.Call(h)
		return 0, err
	}
	copy(unsafe.Slice((*byte)(unsafe.Add(nil, p)), len(data)), data)
	procGlobalUnlock.Call(h)
	return h, nil
}

// getCanonicalFormatEtc says every format is its own canonical one; the
// out structure must still be filled (with ptd cleared), as the contract
// asks of DATA_S_SAMEFORMATETC.
func getCanonicalFormatEtc(_ uintptr, in, out *formatEtc) uintptr {
	if out != nil {
		if in != nil {
			*out = *in
		}
		out.ptd = 0
	}
	return dataSSameFormatEtc
}
