package change

import (
	"context"
	"errors"
	"net/http"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// BatchWriter sends many uploads at once; *graphapi.Client is one (its
// SetPhotos sends them in $batch envelopes).
type BatchWriter interface {
	SetPhotos(ctx context.Context, ups []graphapi.PhotoUpload) []error
}

// SetRequest is one change of SetMany.
type SetRequest struct {
	Person      app.Person
	Data        []byte
	ContentType string
	Options     SetOptions
	// Ended, when set, hears how this change ended as soon as it has,
	// before SetMany returns: a bulk import counts a file done as its own
	// answer is handled, not once the last of its twenty is. SetMany calls
	// the requests' Ended one at a time, from its own goroutine.
	Ended func(SetResult)
}

// SetResult is how one change of SetMany ended, as Set would return it.
type SetResult struct {
	Entry Entry
	Err   error
}

// SetMany makes many sets the way Set makes one — each backed up and
// logged as started before anything is sent — but sends the uploads
// together when Graph can take them in one go (a BatchWriter), which
// saves a round trip a photo in a bulk import. Without one, the sets are
// made one after another. One result per request, in order; each
// request's Ended hears its own as soon as it is known.
func (c *Changer) SetMany(ctx context.Context, reqs []SetRequest) []SetResult {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]SetResult, len(reqs))
	ended := func(i int) {
		if reqs[i].Ended != nil {
			reqs[i].Ended(out[i])
		}
	}
	bw, ok := c.Graph.(BatchWriter)
	if !ok {
		for i, r := range reqs {
			out[i].Entry, out[i].Err = c.applyLocked(ctx, r.Person, specOf(r.Options), func() error {
				return c.Graph.SetPhoto(ctx, r.Person.Subject, r.Data, r.ContentType)
			})
			ended(i)
		}
		return out
	}
	var ups []graphapi.PhotoUpload
	var begun []int
	for i, r := range reqs {
		e, err := c.begin(ctx, r.Person, specOf(r.Options))
		if err != nil {
			out[i].Err = err
			ended(i)
			continue
		}
		out[i].Entry = e
		if r.Options.Begun != nil {
			r.Options.Begun(e)
		}
		ups = append(ups, graphapi.PhotoUpload{Subject: r.Person.Subject, Data: r.Data, ContentType: r.ContentType})
		begun = append(begun, i)
	}
	if len(ups) == 0 {
		return out
	}
	end := func(k int, sendErr error) {
		i := begun[k]
		out[i].Entry, out[i].Err = c.end(ctx, reqs[i].Person, specOf(reqs[i].Options), out[i].Entry, sendErr)
		ended(i)
	}
	if err := notSent(ctx); err != nil {
		// Ended while the batch was backed up: none of it goes.
		for k := range begun {
			end(k, err)
		}
		return out
	}
	errs := bw.SetPhotos(ctx, ups)
	var alone []int // uploads to send again on their own, after the rest are settled
	for k := range ups {
		if batchRefused(errs[k]) && ctx.Err() == nil {
			alone = append(alone, k)
			continue
		}
		end(k, errs[k])
	}
	for _, k := range alone {
		// Graph documents binary bodies in $batch but not for photos in
		// particular: an item refused as a request, not as a photo, goes
		// again on its own.
		u := ups[k]
		end(k, c.Graph.SetPhoto(ctx, u.Subject, u.Data, u.ContentType))
	}
	return out
}

// batchRefused reports an upload refused as a request inside $batch (400,
// 405, 413, 415, 501) rather than as a photo Graph would not take, so it
// is worth sending on its own.
func batchRefused(err error) bool {
	var ge *graphapi.Error
	if err == nil || !errors.As(err, &ge) || graphapi.IsInvalidPhoto(err) {
		return false
	}
	switch ge.Status {
	case http.StatusBadRequest, http.StatusMethodNotAllowed, http.StatusRequestEntityTooLarge,
		http.StatusUnsupportedMediaType, http.StatusNotImplemented:
		return true
	}
	return false
}

// specOf is a set's change spec.
func specOf(o SetOptions) changeSpec {
	return changeSpec{
		action: ActionSet, refuseExisting: o.OnlyIfNone, skipNewETag: o.SkipNewETag, current: o.Current, currentKnown: o.CurrentKnown,
		begun: o.Begun, via: o.Via,
	}
}
