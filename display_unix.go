//go:build (linux || freebsd || openbsd || netbsd) && !android

package main

import "os"

// noDisplay explains why the window cannot open on an X11/Wayland system
// with no display, instead of letting GLFW panic with a stack trace.
func noDisplay() string {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); " +
			"the command line works without one: photodesk help"
	}
	return ""
}
