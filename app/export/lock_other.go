//go:build !unix

package export

import "os"

// processAlive reports whether pid is a running process. On Windows
// FindProcess opens the process, which fails once it has exited.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}
