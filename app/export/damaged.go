package export

import (
	"errors"
	"fmt"

	"github.com/photodesk/photodesk/app"
)

// damagedPhoto settles photo bytes that did not decode. A transfer cut
// short or garbled on the way (a dropped connection, a proxy) differs from
// one read to the next, so t is read again and true is returned. Bytes
// that arrive damaged the same way twice are what Graph holds, and bytes
// damaged on every read stay damaged: both end in the error it returns. A
// photo too large to decode is the same on every read and is not read
// again.
func (r *run) damagedPhoto(t *task, body []byte, err error) (again bool, rowErr error) {
	who := t.ps.person.Secondary()
	if !errors.Is(err, app.ErrNotImage) {
		return false, fmt.Errorf("corrupt photo of %s: %w", who, err)
	}
	switch t.damaged.Add(body) {
	case app.HeldDamaged:
		return false, fmt.Errorf("corrupt photo of %s: Graph sent the same damaged photo twice, so it holds it damaged (uploading a new one fixes it): %w", who, err)
	case app.DamagedInTransit:
		return false, fmt.Errorf("corrupt photo of %s: it arrived damaged %d times, differently each time (the network or a proxy in the way); try again later: %w", who, app.PhotoReads, err)
	}
	r.q.push(t)
	return true, nil
}
