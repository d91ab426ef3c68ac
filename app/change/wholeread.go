package change

import (
	"context"
	"errors"
	"fmt"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// whole is current as a picture that decodes, read again while it arrives
// damaged: a backup cut short in transit (a dropped connection, a broken
// proxy) would be the only copy of a photo the change then replaces, and
// its undo could never put it back. A photo that arrives damaged the same
// way twice is what Graph holds, damaged; it is backed up byte for byte,
// and may be replaced, since fixing broken photos is what changes are
// for. One that arrives damaged differently each time is refused. nil
// (with no error) when a read again finds no photo any more.
func (c *Changer) whole(ctx context.Context, p app.Person, current *graphapi.Photo) (*graphapi.Photo, error) {
	var reads app.DamagedReads
	for {
		_, err := app.DecodeImage(current.Bytes, 0)
		if !errors.Is(err, app.ErrNotImage) {
			return current, nil // whole (a photo too large to decode here is not damaged)
		}
		switch reads.Add(current.Bytes) {
		case app.HeldDamaged:
			return current, nil
		case app.DamagedInTransit:
			return nil, fmt.Errorf("%w: the current photo arrived damaged %d times, differently each time (%w: %w); try again in a moment",
				ErrBackupFailed, app.PhotoReads, app.ErrDamagedInTransit, err)
		}
		again, rerr := c.readCurrent(ctx, p)
		if rerr != nil {
			return nil, fmt.Errorf("%w: read the current photo again (it arrived damaged: %w): %w", ErrBackupFailed, err, rerr)
		}
		if current = again; current == nil {
			return nil, nil
		}
	}
}
