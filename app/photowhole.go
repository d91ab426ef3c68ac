package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/photodesk/photodesk/graphapi"
)

// ErrDamagedInTransit is a photo that arrived damaged on every read,
// differently each time: the network or a proxy is garbling it, and the
// photo Graph holds may well be fine. It wraps ErrNotImage too.
var ErrDamagedInTransit = errors.New("the photo arrived damaged on every read, differently each time")

// ErrHeldDamaged is a photo Graph sent damaged the same way twice: what it
// holds is damaged, and only uploading a new one fixes it. It wraps
// ErrNotImage too.
var ErrHeldDamaged = errors.New("the same damaged photo came twice, so Graph holds it damaged")

// wholePhoto decodes ph, reading p's photo at size again while it arrives
// damaged (cut short by a dropped connection, bytes changed on the way).
// Only bytes that are no picture are read again: a photo too large to
// decode is the same on every read. The photo returned is the read that
// decoded, with its own request id.
func (e *Engine) wholePhoto(ctx context.Context, p Person, size graphapi.Size, ph *graphapi.Photo) (*graphapi.Photo, *Decoded, error) {
	var reads DamagedReads
	for {
		dec, err := DecodeImage(ph.Bytes, e.maxPixels)
		if err == nil || !errors.Is(err, ErrNotImage) {
			return ph, dec, err
		}
		switch reads.Add(ph.Bytes) {
		case HeldDamaged:
			return nil, nil, fmt.Errorf("%w: %w", ErrHeldDamaged, err)
		case DamagedInTransit:
			return nil, nil, fmt.Errorf("%w (%d reads): %w", ErrDamagedInTransit, PhotoReads, err)
		}
		again, rerr := e.client.PhotoBytes(ctx, p.Subject, size)
		if rerr != nil {
			return nil, nil, rerr
		}
		ph = again
	}
}
