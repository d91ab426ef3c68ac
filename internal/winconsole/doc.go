// Package winconsole lets the command line print on Windows. The packaged
// photodesk.exe is a GUI-subsystem program (no console window flashes up
// when the desktop app starts), so when it is run from cmd or PowerShell
// its standard output and error go nowhere; Attach connects them to the
// console it was started from. Elsewhere it does nothing.
package winconsole
