package app

import "fmt"

// FilesInTheWayError is Save all sizes' answer when files of the photos it
// would write are already in the folder and replacing was not asked for:
// Paths are those files, so the window asks about them, not about "photos"
// that may be one file (a contact has one size). It wraps ErrExists.
type FilesInTheWayError struct {
	Paths []string
}

// Error names the one file in the way, or how many there are.
func (e *FilesInTheWayError) Error() string {
	if len(e.Paths) == 1 {
		return fmt.Sprintf("save %s: %v", e.Paths[0], ErrExists)
	}
	return fmt.Sprintf("save %d files: %v", len(e.Paths), ErrExists)
}

// Unwrap makes errors.Is(err, ErrExists) hold.
func (e *FilesInTheWayError) Unwrap() error { return ErrExists }
