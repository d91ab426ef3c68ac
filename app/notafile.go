package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// ErrNotAFile is a save refused because the path names a device, a named
// pipe or a socket, or a link to one or to an open file (/dev/stdout):
// moving a new file into place there would not write into it but put a
// regular file in its stead — run as root, `-o /dev/null --force`
// replaced /dev/null itself, and `-o /dev/stdout --force` the link.
var ErrNotAFile = errors.New("not a file")

// notAFileError is ErrNotAFile for one path, saying what is there.
type notAFileError struct{ path, kind string }

func (e *notAFileError) Error() string {
	return fmt.Sprintf("cannot write over %s: it is %s, not a file", e.path, e.kind)
}

func (e *notAFileError) Is(target error) bool { return target == ErrNotAFile }

// NotAFile returns an error that is ErrNotAFile when path is a device, a
// named pipe or a socket, a link to one, or a link into /proc (as
// /dev/stdout is: to whatever the process has open); nil when it is a
// file, a folder (which callers refuse in their own words), another link
// (a link is replaced, never followed), or not there.
func NotAFile(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil
	}
	return notAFile(path, fi)
}

// notAFile is NotAFile for a path whose os.Lstat the caller has made
// already (fi), as a save does to find out what it would replace: one
// look at the path, not two.
func notAFile(path string, fi fs.FileInfo) error {
	if fi.Mode()&fs.ModeSymlink != 0 {
		if to, err := os.Readlink(path); err == nil && strings.HasPrefix(to, "/proc/") {
			return &notAFileError{path, "a link to an open file (" + to + ")"}
		}
		target, err := os.Stat(path)
		if err != nil {
			return nil
		}
		fi = target
	}
	switch m := fi.Mode(); {
	case m.IsRegular() || m.IsDir():
		return nil
	case m&fs.ModeNamedPipe != 0:
		return &notAFileError{path, "a named pipe"}
	case m&fs.ModeSocket != 0:
		return &notAFileError{path, "a socket"}
	}
	return &notAFileError{path, "a device"}
}
