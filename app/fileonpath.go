package app

import (
	"os"
	"path/filepath"
)

// FileOnPath is the nearest existing part of dir's path, when it is a
// file rather than a folder; "" otherwise. A folder that cannot be made
// or written into because a file stands on its path is refused naming
// that file, which the system's "not a directory" does not.
func FileOnPath(dir string) string {
	for p := filepath.Clean(dir); ; {
		if fi, err := os.Stat(p); err == nil {
			if fi.IsDir() {
				return ""
			}
			return p
		}
		parent := filepath.Dir(p)
		if parent == p {
			return ""
		}
		p = parent
	}
}
