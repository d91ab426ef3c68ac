//go:build !windows

package main

import (
	"errors"
	"io"
)

// waitForDrop needs OLE.
func waitForDrop(placement, dropOptions, io.Writer) error {
	return errors.New("windroptarget runs on Windows (or under Wine) only")
}
