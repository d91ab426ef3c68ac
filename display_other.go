//go:build !((linux || freebsd || openbsd || netbsd) && !android)

package main

// noDisplay is always empty where the desktop is always there (Windows, macOS).
func noDisplay() string { return "" }
