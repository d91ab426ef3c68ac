//go:build windows

package winconsole

import (
	"os"
	"syscall"
)

// attachParentProcess is ATTACH_PARENT_PROCESS: the console of the shell
// that started us.
const attachParentProcess = ^uintptr(0)

var attachConsole = syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")

// Attach points stdout and stderr at the parent's console when they are
// not already redirected (to a file or a pipe, which must be kept).
func Attach() {
	if valid(os.Stdout) && valid(os.Stderr) {
		return
	}
	if r, _, _ := attachConsole.Call(attachParentProcess); r == 0 {
		return // started from Explorer: there is no console to attach to
	}
	out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	if !valid(os.Stdout) {
		os.Stdout = out
	}
	if !valid(os.Stderr) {
		os.Stderr = out
	}
}

// valid reports whether f is a usable handle; a GUI program's unset
// standard handles are 0 or INVALID_HANDLE_VALUE.
func valid(f *os.File) bool {
	if f == nil {
		return false
	}
	h := syscall.Handle(f.Fd())
	if h == 0 || h == syscall.InvalidHandle {
		return false
	}
	_, err := syscall.GetFileType(h)
	return err == nil
}
