package views

import (
	"os"
	"path/filepath"
	"strings"
)

// typedFolder is the folder a folder field's text names (Export's, Save's).
// "~" is the home folder, as in a shell, and a relative name is taken from
// the home folder: a window started from a menu has no working folder a
// person knows of, so "photos" landed anywhere, and "~/photos" made a
// folder named "~" there. Without a home folder the text is used as typed.
func typedFolder(text string) string {
	dir := strings.TrimSpace(text)
	if dir == "" {
		return ""
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Clean(dir)
	}
	switch {
	case dir == "~":
		return home
	case strings.HasPrefix(dir, "~/"), strings.HasPrefix(dir, `~\`):
		return filepath.Join(home, dir[2:])
	case !filepath.IsAbs(dir) && filepath.VolumeName(dir) == "":
		return filepath.Join(home, dir)
	}
	return filepath.Clean(dir)
}
