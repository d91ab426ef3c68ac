package change

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// readTries is how many times in all a current photo that arrives
// damaged is read before a change is refused.
const readTries = 3

// whole is current as a picture that decodes, read again while it arrives
// damaged: a backup cut short in transit (a dropped connection, a broken
// proxy) would be the only copy of a photo the change then replaces, and
// its undo could never put it back. A photo that arrives damaged the same
// way twice is what Graph holds, damaged; it is backed up byte for byte,
// and may be replaced, since fixing broken photos is what changes are
// for. One that arrives damaged differently each time is refused. nil
// (with no error) when a read again finds no photo any more.
func (c *Changer) whole(ctx context.Context, p app.Person, current *graphapi.Photo) (*graphapi.Photo, error) {
	var seen [][]byte
	for try := 1; ; try++ {
		_, err := app.DecodeImage(current.Bytes, 0)
		if !errors.Is(err, app.ErrNotImage) {
			return current, nil // whole (a photo too large to decode here is not damaged)
		}
		for _, s := range seen {
			if bytes.Equal(s, current.Bytes) {
				return current, nil
			}
		}
		if try == readTries {
			return nil, fmt.Errorf("%w: the current photo arrived damaged %d times, differently each time (%w: %w); try again in a moment",
				ErrBackupFailed, readTries, app.ErrDamagedInTransit, err)
		}
		seen = append(seen, current.Bytes)
		again, rerr := c.readCurrent(ctx, p)
		if rerr != nil {
			return nil, fmt.Errorf("%w: read the current photo again (it arrived damaged: %w): %w", ErrBackupFailed, err, rerr)
		}
		if current = again; current == nil {
			return nil, nil
		}
	}
}
