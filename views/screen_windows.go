package views

import (
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

var (
	user32                = windows.NewLazySystemDLL("user32.dll")
	procMonitorFromWindow = user32.NewProc("MonitorFromWindow")
	procGetMonitorInfoW   = user32.NewProc("GetMonitorInfoW")
	procGetWindowRect     = user32.NewProc("GetWindowRect")
	procGetClientRect     = user32.NewProc("GetClientRect")
)

const monitorDefaultToNearest = 2

// monitorInfo is Win32's MONITORINFO.
type monitorInfo struct {
	size    uint32
	monitor windows.Rect
	work    windows.Rect
	flags   uint32
}

// platformScreenRoom is the work area (the screen less the taskbar) of the
// monitor w is on, less w's frame and title bar, in Fyne units at w's
// scale.
func platformScreenRoom(w fyne.Window) (fyne.Size, bool) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return fyne.Size{}, false
	}
	var hwnd uintptr
	nw.RunNative(func(ctx any) {
		if c, ok := ctx.(driver.WindowsWindowContext); ok {
			hwnd = c.HWND
		}
	})
	if hwnd == 0 {
		return fyne.Size{}, false
	}
	monitor, _, _ := procMonitorFromWindow.Call(hwnd, monitorDefaultToNearest)
	if monitor == 0 {
		return fyne.Size{}, false
	}
	info := monitorInfo{size: uint32(unsafe.Sizeof(monitorInfo{}))}
	if r, _, _ := procGetMonitorInfoW.Call(monitor, uintptr(unsafe.Pointer(&info))); r == 0 {
		return fyne.Size{}, false
	}
	var outer, client windows.Rect
	if r, _, _ := procGetWindowRect.Call(hwnd, uintptr(unsafe.Pointer(&outer))); r == 0 {
		return fyne.Size{}, false
	}
	if r, _, _ := procGetClientRect.Call(hwnd, uintptr(unsafe.Pointer(&client))); r == 0 {
		return fyne.Size{}, false
	}
	frameW := (outer.Right - outer.Left) - (client.Right - client.Left)
	frameH := (outer.Bottom - outer.Top) - (client.Bottom - client.Top)
	scale := w.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	width := float32(info.work.Right-info.work.Left-frameW) / scale
	height := float32(info.work.Bottom-info.work.Top-frameH) / scale
	return fyne.NewSize(width, height), width > 0 && height > 0
}
