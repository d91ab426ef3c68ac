package change

import (
	"context"
	"errors"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// endsOnRead is a Graph whose context ends as a change reads the photo to
// back up: another account picked, or Ctrl+C, while the backup is made.
type endsOnRead struct {
	*fakeGraph
	end context.CancelFunc
}

func (g endsOnRead) PhotoBytes(ctx context.Context, s graphapi.Subject, size graphapi.Size) (*graphapi.Photo, error) {
	defer g.end()
	return g.fakeGraph.PhotoBytes(ctx, s, size)
}

// batchEndsOnRead is endsOnRead taking uploads together.
type batchEndsOnRead struct{ endsOnRead }

func (g batchEndsOnRead) SetPhotos(ctx context.Context, ups []graphapi.PhotoUpload) []error {
	return (&batchGraph{fakeGraph: g.fakeGraph}).SetPhotos(ctx, ups)
}

// A change whose context ends while it is backed up is not sent, and ends
// as not sent (failed, not perhaps gone through): the send used to go
// out and fail at once, logged as a request cut off on its way, which an
// undo then had to read the photo to settle. One whose context ended
// before it began backs up nothing. Alone and in a SetMany alike.
func TestChangeStoppedWhileBackedUpIsNotSent(t *testing.T) {
	for _, batch := range []bool{false, true} {
		c, g := newTestChanger(t)
		bob := app.Person{Subject: graphapi.User("bob@contoso.com"), Kind: app.KindUser, ID: "bob@contoso.com"}
		g.photos[ann.Subject] = []byte("ann old")
		ctx, end := context.WithCancel(context.Background())
		c.Graph = endsOnRead{g, end}
		if batch {
			c.Graph = batchEndsOnRead{endsOnRead{g, end}}
		}
		res := c.SetMany(ctx, []SetRequest{
			{Person: ann, Data: []byte("ann new"), ContentType: "image/jpeg"},
			{Person: bob, Data: []byte("bob new"), ContentType: "image/jpeg"},
		})
		for k, r := range res {
			if !errors.Is(r.Err, ErrNotSent) || !errors.Is(r.Err, context.Canceled) || Unanswered(r.Err) {
				t.Errorf("batch %v, request %d: %v; want not sent", batch, k, r.Err)
			}
		}
		if g.writes != 0 || string(g.photo(ann.Subject)) != "ann old" {
			t.Errorf("batch %v: %d writes, ann's photo %q; want nothing sent", batch, g.writes, g.photo(ann.Subject))
		}
		if res[0].Entry.Backup == "" || res[0].Entry.Status != StatusFailed || res[0].Entry.Unanswered || res[1].Entry.ID != "" {
			t.Errorf("batch %v: entries %+v, %+v; want ann's backed up and failed, not in doubt, bob's not begun", batch, res[0].Entry, res[1].Entry)
		}
		if _, err := c.LastUndoable(context.Background()); !errors.Is(err, ErrNothingToUndo) {
			t.Errorf("batch %v: last undoable: %v; want nothing to undo", batch, err)
		}
		if got := Explain(res[0].Err, ann); got != "The change was stopped before it was sent, so nothing was changed." {
			t.Errorf("explained as %q", got)
		}
	}
}
