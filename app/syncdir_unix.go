//go:build !windows

package app

import "os"

// SyncDir makes a folder's entries durable: after a file is created or
// renamed into it, the file's own sync does not cover its name, and a
// power loss could lose the file though its data was synced (a backup
// made before a change, the change log itself).
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
