package app

import (
	"context"
	"image"

	"github.com/photodesk/photodesk/graphapi"
)

// AvatarSize is the side of a result-list avatar in pixels, and the HD size
// asked of Graph for it.
const AvatarSize = 48

// avatarBatch is Graph's $batch limit: one envelope per 20 people.
const avatarBatch = 20

// Avatar is one result row's picture.
type Avatar struct {
	Person  Person
	Image   image.Image // AvatarSize x AvatarSize; nil when there is none
	NoPhoto bool        // the person has no photo: show initials
	Err     error       // the photo could not be fetched or decoded (not cached)
}

// Avatars fetches 48x48 avatars for people, 20 to a $batch, calling each
// as results arrive: cached ones at once, then a batch at a time. each runs
// on worker goroutines, one call at a time (the window hops to the UI
// goroutine with fyne.Do); i is the index into people. Avatars returns when
// every person has been delivered or ctx ends, after which each is not
// called again. People with no 48x48 photo are tried once at their default
// size, since photos that live only in Entra ID have no HD sizes; contacts
// go straight to their one photo.
func (e *Engine) Avatars(ctx context.Context, people []Person, each func(i int, a Avatar)) {
	feed := NewPeopleFeed()
	feed.Add(people...)
	feed.Close()
	e.StreamAvatars(ctx, feed, each)
}

// avatarPass batches asks and calls retry, once, with the people missing at
// an HD size, to be asked again at the default size — before it decodes,
// keeps and delivers the others, so that the envelope the retries join is
// not kept waiting on that work. person(i) is the person asked for as i,
// and their generation when they were fed.
func (e *Engine) avatarPass(ctx context.Context, person func(int) (Person, uint64), asks []avatarAsk, retry func([]int), deliver func(int, Avatar)) {
	photoAsks := make([]graphapi.PhotoAsk, len(asks))
	for k, a := range asks {
		p, _ := person(a.i)
		photoAsks[k] = graphapi.PhotoAsk{Subject: p.Subject, Size: a.size}
	}
	results := e.client.PhotosBatchOf(ctx, photoAsks)
	again := make([]bool, len(results))
	var retries []int
	for k, res := range results {
		if asks[k].hd() && missingAtSize(res) {
			again[k] = true
			retries = append(retries, asks[k].i)
		}
	}
	retry(retries)
	for k, res := range results {
		if ctx.Err() != nil {
			return
		}
		if a := asks[k]; !again[k] {
			p, gen := person(a.i)
			e.deliverAvatar(p, gen, a, res, deliver)
		}
	}
}

// missingAtSize reports an answer meaning "not at this size": an error
// that says so (missing), or Graph's 1x1 placeholder image, told by its
// header alone.
func missingAtSize(res graphapi.PhotoResult) bool {
	if res.Err != nil {
		return missing(res.Err)
	}
	return IsPlaceholder(res.Photo.Bytes)
}

// deliverAvatar keeps and delivers the answer to a, person p's ask.
func (e *Engine) deliverAvatar(p Person, gen uint64, a avatarAsk, res graphapi.PhotoResult, deliver func(int, Avatar)) {
	i := a.i
	if res.Err != nil {
		switch {
		case graphapi.IsNoPhoto(res.Err) || graphapi.IsPersonalAccountUnsupported(res.Err):
			e.noAvatar(p, gen, res.Err)
			deliver(i, Avatar{Person: p, NoPhoto: true})
		case graphapi.IsNotFound(res.Err):
			// Another 404 — an unknown or deleted user, a proxy's bare 404 —
			// shows initials as well, but is not kept as "no photo": the
			// viewer reads what is kept at this size, and must say what the
			// 404 was.
			deliver(i, Avatar{Person: p, NoPhoto: true})
		default:
			deliver(i, Avatar{Person: p, Err: res.Err})
		}
		return
	}
	dec, err := DecodeImage(res.Photo.Bytes, e.maxPixels)
	switch {
	case err != nil:
		deliver(i, Avatar{Person: p, Err: err})
	case dec.Width == 1 && dec.Height == 1:
		e.noAvatar(p, gen, placeholderAnswer(res.Photo))
		deliver(i, Avatar{Person: p, NoPhoto: true})
	default:
		img := thumbnail(dec.Image, AvatarSize)
		e.keep(p.Subject, gen, func() {
			e.cache.putAvatar(p.Subject, &avatarEntry{fetched: e.now(), img: img})
			e.saveDisk(p.Subject, avatarKeySize, &photoEntry{
				fetched: e.now(), served: a.size,
				bytes: res.Photo.Bytes, contentType: res.Photo.ContentType, etag: res.Photo.ETag,
				requestID: res.Photo.RequestID, url: res.Photo.URL,
			})
		})
		deliver(i, Avatar{Person: p, Image: img})
	}
}
