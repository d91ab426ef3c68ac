package change

import (
	"os"
	"path/filepath"
	"runtime"
)

// DefaultDir is where backups and the change log live: a folder of Photo
// Desk's in the user's data directory ($XDG_DATA_HOME or ~/.local/share
// on Linux, %APPDATA% on Windows, ~/Library/Application Support on macOS),
// which outlives caches and temporary folders.
func DefaultDir() string {
	return filepath.Join(dataDir(), "photodesk", "backups")
}

// DemoDir is where changes made in the sandbox tenant are kept, apart
// from a real tenant's, so an undo never mixes the two.
func DemoDir() string { return filepath.Join(DefaultDir(), "sandbox") }

func dataDir() string {
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return d
		}
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "share")
		}
	}
	if d, err := os.UserConfigDir(); err == nil {
		return d
	}
	return os.TempDir()
}
