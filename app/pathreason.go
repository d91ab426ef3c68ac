package app

import (
	"errors"
	"io/fs"
)

// PathReason is err's reason without the system call and path it names
// ("no such file or directory" of "open x.txt: no such file or
// directory"), for a message that names the file in its own words; err
// itself when it is not a path error.
func PathReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
