package export

import (
	"errors"
	"fmt"
	"os"

	"github.com/photodesk/photodesk/app"
)

// MakeFolder creates dir and its parents for an export, with a refusal a
// person can act on: a part of the path that is a file is named as such
// ("a48.jpg is a file, not a folder", as the Save form says), where
// MkdirAll's "not a directory" named only the folder asked for.
func MakeFolder(dir string) error {
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		return nil
	}
	return folderRefused("cannot create", dir, err)
}

// UnusableFolder words err, the failure to look at dir as an export
// folder, as MakeFolder does: a file on its path is named.
func UnusableFolder(dir string, err error) error {
	return folderRefused("cannot use", dir, err)
}

// errNotAFolder is the reason for a folder that is a file: folderRefused
// names the file instead, so these words are only a stand-in.
var errNotAFolder = errors.New("not a folder")

// folderRefused is what failed on dir: a file on its path by name, else
// the failure and its reason. Words come first: a message starting with
// a relative name of letters only ("afile is a file") had it capitalised
// at the edge (app.Friendly), naming another file.
func folderRefused(what, dir string, err error) error {
	if file := app.FileOnPath(dir); file != "" {
		return fmt.Errorf("%s the folder %s: %s is a file, not a folder", what, dir, file)
	}
	return fmt.Errorf("%s the folder %s: %w", what, dir, app.PathReason(err))
}
