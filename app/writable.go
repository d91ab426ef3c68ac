package app

import (
	"fmt"
	"os"
)

// CheckWritable finds out whether a file can be made in dir, by making one
// and removing it: permissions alone do not tell (ACLs, read-only mounts).
// Callers check before they download, so a folder that cannot take the
// photos costs no request and no wait.
func CheckWritable(dir string) error {
	probe, err := os.CreateTemp(dir, ".photodesk-probe-*")
	if err != nil {
		return fmt.Errorf("cannot write into %s: %w", dir, PathReason(err))
	}
	probe.Close()
	return os.Remove(probe.Name())
}
