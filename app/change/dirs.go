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

// SandboxDir is where one run of the sandbox tenant keeps its backups and
// change log under the backups folder base: apart from a real tenant's,
// so an undo never mixes the two, and apart from every other run's, since
// each sandbox starts afresh from its seed and an undo must not offer a
// change that sandbox never had. run names the sandbox as it started
// (startup.Env.SandboxRun).
func SandboxDir(base, run string) string { return filepath.Join(base, "sandbox", run) }

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
