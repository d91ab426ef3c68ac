package startup

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// newSandboxRun names a sandbox as it starts: the UTC time, sorting as
// it reads in a file manager and safe in a Windows file name, and a short
// random part, so two sandboxes started in one second (two windows, a
// quick Settings save) still differ. The window keeps each sandbox's
// backups and change log under it: every sandbox starts from its seed,
// and an undo must not offer a change an earlier one made.
func newSandboxRun(now time.Time) string {
	var b [3]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return now.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}
