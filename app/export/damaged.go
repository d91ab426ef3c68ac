package export

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"

	"github.com/photodesk/photodesk/app"
)

// damagedReads is how many times in all a photo that arrives damaged is
// read before its person becomes an error row: the change path's rule
// (app/change, readTries), so a flaky network costs a re-read, not a
// person reported broken whose photo is fine.
const damagedReads = 3

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
	sum := sha256.Sum256(body)
	if slices.Contains(t.damaged, sum) {
		return false, fmt.Errorf("corrupt photo of %s: Graph sent the same damaged photo twice, so it holds it damaged (uploading a new one fixes it): %w", who, err)
	}
	t.damaged = append(t.damaged, sum)
	if len(t.damaged) >= damagedReads {
		return false, fmt.Errorf("corrupt photo of %s: it arrived damaged %d times, differently each time (the network or a proxy in the way); try again later: %w", who, damagedReads, err)
	}
	r.q.push(t)
	return true, nil
}
