//go:build !windows

package main

import (
	"errors"
	"io"
	"time"
)

// waitForDrop needs OLE.
func waitForDrop(placement, string, bool, time.Duration, io.Writer) error {
	return errors.New("windroptarget runs on Windows (or under Wine) only")
}
