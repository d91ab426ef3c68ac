//go:build windows

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	ole32    = windows.NewLazySystemDLL("ole32.dll")
	user32   = windows.NewLazySystemDLL("user32.dll")
	kernel32 = windows.NewLazySystemDLL("kernel32.dll")
	shell32  = windows.NewLazySystemDLL("shell32.dll")

	procOleInitialize          = ole32.NewProc("OleInitialize")
	procRegisterDragDrop       = ole32.NewProc("RegisterDragDrop")
	procRevokeDragDrop         = ole32.NewProc("RevokeDragDrop")
	procReleaseStgMedium       = ole32.NewProc("ReleaseStgMedium")
	procRegisterClassExW       = user32.NewProc("RegisterClassExW")
	procCreateWindowExW        = user32.NewProc("CreateWindowExW")
	procDefWindowProcW         = user32.NewProc("DefWindowProcW")
	procGetMessageW            = user32.NewProc("GetMessageW")
	procTranslateMessage       = user32.NewProc("TranslateMessage")
	procDispatchMessageW       = user32.NewProc("DispatchMessageW")
	procPostQuitMessage        = user32.NewProc("PostQuitMessage")
	procPostMessageW           = user32.NewProc("PostMessageW")
	procSetTimer               = user32.NewProc("SetTimer")
	procRegisterClipboardFormW = user32.NewProc("RegisterClipboardFormatW")
	procGlobalLock             = kernel32.NewProc("GlobalLock")
	procGlobalUnlock           = kernel32.NewProc("GlobalUnlock")
	procGlobalSize             = kernel32.NewProc("GlobalSize")
	procDragQueryFileW         = shell32.NewProc("DragQueryFileW")
)

// Constants from the Windows SDK (winuser.h, oleidl.h, objidl.h).
const (
	sOK          = 0
	eNoInterface = 0x80004002
	cfHDROP      = 15
	tymedHGlobal = 1
	dvAspectCont = 1
	dropEffCopy  = 1
	wmTimer      = 0x0113
	timerTimeout = 1      // no drop in time
	timerUntil   = 2      // look for the -until file
	wmApp        = 0x8000 // "take the late drop now"
	wsVisible    = 0x10000000
	wsOverlapped = 0x00CF0000 // WS_OVERLAPPEDWINDOW
	wsExTopmost  = 0x00000008
	colorWindow  = 5

	// Methods by their place in their interface's vtable.
	unknownAddRef      = 1
	unknownRelease     = 2
	dataGetData        = 3
	dataQueryGetData   = 5
	dataEnumFormatEtc  = 8
	enumNext           = 3
	dataDirGet         = 1
	dragQueryFileCount = 0xFFFFFFFF
)

var (
	iidIUnknown    = windows.GUID{Data4: [8]byte{0xC0, 0, 0, 0, 0, 0, 0, 0x46}}
	iidIDropTarget = windows.GUID{Data1: 0x00000122, Data4: [8]byte{0xC0, 0, 0, 0, 0, 0, 0, 0x46}}
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

type wndClassEx struct {
	size, style         uint32
	wndProc             uintptr
	clsExtra, wndExtra  int32
	instance, icon      uintptr
	cursor, background  uintptr
	menuName, className *uint16
	iconSm              uintptr
}

type msg struct {
	hwnd    uintptr
	message uint32
	wParam  uintptr
	lParam  uintptr
	time    uint32
	pt      struct{ x, y int32 }
	private uint32
}

// The one drop target: a COM object is its vtable pointer. It lives as
// long as the program, so AddRef and Release count nothing.
var (
	targetVtbl [7]uintptr
	target     struct{ vtbl *[7]uintptr }
)

// session is what the callbacks report into; they all run on the thread
// of the message loop.
var session struct {
	out      io.Writer
	dir      string
	late     bool    // take the drop's data after Drop returned, as the shell does
	until    string  // the file that lets the target exit after the drop, if any
	hwnd     uintptr // the window, for the late drop's message
	kept     uintptr // the data object kept for the late drop
	cfPNG    uint16
	gotFile  bool
	took     bool // Drop was called (the data may still hold no file)
	timedOut bool
	failure  error
}

// OLE's apartment is the thread's: the window, the registration and the
// message loop stay on this one.
func init() { runtime.LockOSThread() }

func waitForDrop(at placement, opts dropOptions, out io.Writer) error {
	if r, _, _ := procOleInitialize.Call(0); r != sOK && r != 1 {
		return fmt.Errorf("OleInitialize: %#x", r)
	}
	session.out, session.dir, session.late, session.until = out, opts.dir, opts.late, opts.until
	png, _ := windows.UTF16PtrFromString("PNG")
	cf, _, _ := procRegisterClipboardFormW.Call(uintptr(unsafe.Pointer(png)))
	session.cfPNG = uint16(cf)

	hwnd, err := openWindow(at)
	if err != nil {
		return err
	}
	session.hwnd = hwnd
	targetVtbl = [7]uintptr{
		syscall.NewCallback(queryInterface),
		syscall.NewCallback(func(uintptr) uintptr { return 1 }), // AddRef
		syscall.NewCallback(func(uintptr) uintptr { return 1 }), // Release
		syscall.NewCallback(dragEnter),
		syscall.NewCallback(dragOver),
		syscall.NewCallback(dragLeave),
		syscall.NewCallback(drop),
	}
	target.vtbl = &targetVtbl
	if r, _, _ := procRegisterDragDrop.Call(hwnd, uintptr(unsafe.Pointer(&target))); r != sOK {
		return fmt.Errorf("RegisterDragDrop: %#x", r)
	}
	defer procRevokeDragDrop.Call(hwnd)
	procSetTimer.Call(hwnd, timerTimeout, uintptr(opts.timeout.Milliseconds()), 0)
	fmt.Fprintln(out, "ready")

	var m msg
	for {
		r, _, _ := procGetMessageW.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0)
		if int32(r) <= 0 {
			break
		}
		procTranslateMessage.Call(uintptr(unsafe.Pointer(&m)))
		procDispatchMessageW.Call(uintptr(unsafe.Pointer(&m)))
	}
	switch {
	case session.failure != nil:
		return session.failure
	case session.timedOut:
		return fmt.Errorf("no drop in %v", opts.timeout)
	case !session.gotFile:
		return errors.New("the drop held no file")
	}
	return nil
}

func openWindow(at placement) (uintptr, error) {
	class, _ := windows.UTF16PtrFromString("PhotoDeskDropTarget")
	title, _ := windows.UTF16PtrFromString("Drop here")
	wc := wndClassEx{
		wndProc:    syscall.NewCallback(windowProc),
		background: colorWindow + 1,
		className:  class,
	}
	wc.size = uint32(unsafe.Sizeof(wc))
	if r, _, err := procRegisterClassExW.Call(uintptr(unsafe.Pointer(&wc))); r == 0 {
		return 0, fmt.Errorf("RegisterClassEx: %w", err)
	}
	hwnd, _, err := procCreateWindowExW.Call(wsExTopmost, uintptr(unsafe.Pointer(class)), uintptr(unsafe.Pointer(title)),
		wsOverlapped|wsVisible, uintptr(at.x), uintptr(at.y), uintptr(at.w), uintptr(at.h), 0, 0, 0, 0)
	if hwnd == 0 {
		return 0, fmt.Errorf("CreateWindowEx: %w", err)
	}
	return hwnd, nil
}

func windowProc(hwnd, message, wParam, lParam uintptr) uintptr {
	switch uint32(message) {
	case wmTimer:
		if wParam == timerUntil {
			if _, err := os.Stat(session.until); err == nil {
				procPostQuitMessage.Call(0)
			}
			return 0
		}
		if !session.took { // a drop taken and waiting for -until is no time-out
			session.timedOut = true
		}
		procPostQuitMessage.Call(1)
		return 0
	case wmApp:
		take(session.kept)
		comCall(session.kept, unknownRelease)
		fmt.Fprintln(session.out, "dropped late")
		finish()
		return 0
	}
	r, _, _ := procDefWindowProcW.Call(hwnd, message, wParam, lParam)
	return r
}

func queryInterface(this uintptr, iid *windows.GUID, out *uintptr) uintptr {
	if *iid == iidIUnknown || *iid == iidIDropTarget {
		*out = this
		return sOK
	}
	*out = 0
	return eNoInterface
}

// dragEnter says which of the formats Explorer would take are on offer,
// as it asks (QueryGetData) and as the data object lists them
// (EnumFormatEtc, which Explorer and browsers read).
func dragEnter(_, data, _, _ uintptr, effect *uint32) uintptr {
	var offered []string
	if has(data, cfHDROP) {
		offered = append(offered, "hdrop")
	}
	if has(data, session.cfPNG) {
		offered = append(offered, "png")
	}
	fmt.Fprintln(session.out, "enter", strings.Join(offered, " "))
	fmt.Fprintln(session.out, "formats", strings.Join(listed(data), " "))
	*effect &= dropEffCopy
	return sOK
}

// listed is the formats the data object enumerates, by name.
func listed(data uintptr) []string {
	var enum uintptr
	if r := comCall(data, dataEnumFormatEtc, dataDirGet, uintptr(unsafe.Pointer(&enum))); r != sOK || enum == 0 {
		return []string{fmt.Sprintf("(EnumFormatEtc %#x)", r)}
	}
	defer comCall(enum, unknownRelease)
	var names []string
	for range 16 {
		f := &formatEtc{}
		var got uint32
		r := comCall(enum, enumNext, 1, uintptr(unsafe.Pointer(f)), uintptr(unsafe.Pointer(&got)))
		runtime.KeepAlive(f)
		if r != sOK || got != 1 {
			break
		}
		switch {
		case f.cfFormat == cfHDROP && f.tymed&tymedHGlobal != 0:
			names = append(names, "hdrop")
		case f.cfFormat == session.cfPNG && f.tymed&tymedHGlobal != 0:
			names = append(names, "png")
		default:
			names = append(names, fmt.Sprintf("%d/%d", f.cfFormat, f.tymed))
		}
	}
	return names
}

func dragOver(_, _, _ uintptr, effect *uint32) uintptr {
	*effect &= dropEffCopy
	return sOK
}

func dragLeave(uintptr) uintptr {
	fmt.Fprintln(session.out, "leave")
	return sOK
}

// drop takes the file and the picture, then ends the message loop. Late,
// it keeps the data object and takes them once Drop has returned — the
// drag is over for the source then, as when the shell copies a file
// after the drop.
func drop(_, data, _, _ uintptr, effect *uint32) uintptr {
	session.took = true
	*effect &= dropEffCopy
	if session.late {
		comCall(data, unknownAddRef)
		session.kept = data
		procPostMessageW.Call(session.hwnd, wmApp, 0, 0)
		return sOK
	}
	defer finish()
	take(data)
	if !session.gotFile {
		*effect = 0 // nothing taken: say so, as a target must
	}
	fmt.Fprintln(session.out, "dropped")
	return sOK
}

// finish ends the message loop once the drop is taken: at once, or with
// -until once its file exists.
func finish() {
	if session.until == "" {
		procPostQuitMessage.Call(0)
		return
	}
	procSetTimer.Call(session.hwnd, timerUntil, 100, 0)
}

// take reads the file and the picture from the data object.
func take(data uintptr) {
	if b, ok := getGlobal(data, cfHDROP, dropFileName); ok {
		if err := keepFile(string(b)); err != nil {
			session.failure = err
			return
		}
	}
	if b, ok := getGlobal(data, session.cfPNG, globalBytes); ok {
		if err := os.WriteFile(filepath.Join(session.dir, "dropped.png"), b, 0o644); err != nil {
			session.failure = err
			return
		}
		fmt.Fprintln(session.out, "png", len(b))
	}
}

// keepFile copies the dropped file into the output folder under its name.
func keepFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("the dropped file: %w", err)
	}
	name := filepath.Base(path)
	if err := os.WriteFile(filepath.Join(session.dir, name), b, 0o644); err != nil {
		return err
	}
	session.gotFile = true
	fmt.Fprintln(session.out, "file", name, len(b))
	return nil
}

// has asks the data object whether it gives format cf in global memory.
func has(data uintptr, cf uint16) bool {
	f := &formatEtc{cfFormat: cf, aspect: dvAspectCont, lindex: -1, tymed: tymedHGlobal}
	r := comCall(data, dataQueryGetData, uintptr(unsafe.Pointer(f)))
	runtime.KeepAlive(f)
	return r == sOK
}

// getGlobal gets format cf from the data object and reads its global
// memory with read, then releases it.
func getGlobal(data uintptr, cf uint16, read func(h uintptr) []byte) ([]byte, bool) {
	f := &formatEtc{cfFormat: cf, aspect: dvAspectCont, lindex: -1, tymed: tymedHGlobal}
	m := &stgMedium{}
	r := comCall(data, dataGetData, uintptr(unsafe.Pointer(f)), uintptr(unsafe.Pointer(m)))
	runtime.KeepAlive(f)
	if r != sOK {
		fmt.Fprintf(session.out, "getdata %d failed: %#x\n", cf, r)
		return nil, false
	}
	b := read(m.hGlobal)
	procReleaseStgMedium.Call(uintptr(unsafe.Pointer(m)))
	runtime.KeepAlive(m)
	return b, true
}

// dropFileName is the first file of a CF_HDROP, having said how many it
// lists (a list not ended by its second NUL reads as more than one).
func dropFileName(h uintptr) []byte {
	count, _, _ := procDragQueryFileW.Call(h, dragQueryFileCount, 0, 0)
	fmt.Fprintln(session.out, "files", uint32(count))
	n, _, _ := procDragQueryFileW.Call(h, 0, 0, 0)
	buf := make([]uint16, n+1)
	procDragQueryFileW.Call(h, 0, uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
	return []byte(windows.UTF16ToString(buf))
}

// globalBytes is a copy of a global memory block.
func globalBytes(h uintptr) []byte {
	size, _, _ := procGlobalSize.Call(h)
	p, _, _ := procGlobalLock.Call(h)
	if p == 0 {
		return nil
	}
	defer procGlobalUnlock.Call(h)
	return append([]byte(nil), unsafe.Slice((*byte)(unsafe.Add(nil, p)), size)...)
}

// comCall calls method number method of the COM object obj.
func comCall(obj uintptr, method int, args ...uintptr) uintptr {
	vtbl := *(*uintptr)(unsafe.Add(nil, obj))
	fn := *(*uintptr)(unsafe.Add(nil, vtbl+uintptr(method)*unsafe.Sizeof(uintptr(0))))
	r, _, _ := syscall.SyscallN(fn, append([]uintptr{obj}, args...)...)
	return r
}
