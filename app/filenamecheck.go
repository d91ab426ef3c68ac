package app

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Why a typed file name cannot be used as it is, on any of Windows, macOS
// and Linux (FileNameProblem). A folder may be a network share or a USB
// stick read on Windows, so Windows' rules count everywhere.
var (
	ErrNoFileName      = errors.New("type a file name")
	ErrFileNameIsPath  = errors.New(`a file name cannot contain / or \`)
	ErrFileNameChars   = errors.New(`a file name cannot contain : * ? " < > | or control characters (Windows refuses them)`)
	ErrFileNameBidi    = errors.New("a file name cannot contain invisible text-direction characters")
	ErrFileNameEnd     = errors.New("a file name cannot end in a dot or a space (Windows drops them)")
	ErrFileNameHidden  = errors.New("a file name starting with a dot would be hidden")
	ErrFileNameTooLong = fmt.Errorf("a file name can be at most %d bytes", MaxFileNameBytes)
)

// FileNameProblem says why name, as typed, cannot be used for a file
// (nil when it can): the rules SafeFileName applies to the names it
// suggests, as an explanation instead of a silent repair. Spaces around
// the name are ignored, as the save form trims them.
func FileNameProblem(name string) error {
	name = strings.TrimSpace(name)
	switch {
	case name == "" || name == "." || name == "..":
		return ErrNoFileName
	case strings.ContainsAny(name, `/\`):
		return ErrFileNameIsPath
	case strings.HasPrefix(name, "."):
		return ErrFileNameHidden
	case strings.HasSuffix(name, "."):
		return ErrFileNameEnd
	case len(name) > MaxFileNameBytes:
		return ErrFileNameTooLong
	case !utf8.ValidString(name):
		return ErrFileNameChars
	}
	for _, r := range name {
		switch {
		case forbiddenInFileName(r):
			return ErrFileNameChars
		case isBidiControl(r):
			return ErrFileNameBidi
		}
	}
	if stem, reserved := reservedStem(name); reserved {
		return fmt.Errorf("%q is a name Windows keeps for a device, with any extension", stem)
	}
	return nil
}
