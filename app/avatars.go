package app

import (
	"context"
	"errors"
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
	Err     error       // the photo could not be fetched, or decoded after reading it again (wholePhoto); not cached
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
	var damaged []int // answers whose bytes are no picture, read again last
	for k, res := range results {
		if ctx.Err() != nil {
			return
		}
		if a := asks[k]; !again[k] {
			p, gen := person(a.i)
			if e.deliverAvatar(p, gen, a, res, deliver) {
				damaged = append(damaged, k)
			}
		}
	}
	for _, k := range damaged {
		if ctx.Err() != nil {
			return
		}
		p, gen := person(asks[k].i)
		e.deliverDamagedAvatar(ctx, p, gen, asks[k], results[k].Photo, deliver)
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

// deliverAvatar keeps and delivers the answer to a, person p's ask —
// unless its bytes are no picture: it reports those damaged instead, to
// be read again (deliverDamagedAvatar) once the envelope's others are
// delivered.
func (e *Engine) deliverAvatar(p Person, gen uint64, a avatarAsk, res graphapi.PhotoResult, deliver func(int, Avatar)) (damaged bool) {
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
		return false
	}
	dec, err := DecodeImage(res.Photo.Bytes, e.maxPixels)
	if errors.Is(err, ErrNotImage) {
		return true
	}
	e.deliverDecoded(p, gen, a, res.Photo, dec, err, deliver)
	return false
}

// deliverDamagedAvatar reads the avatar ph, which arrived damaged, again
// by the viewer's rule (wholePhoto, DamagedReads): a transfer garbled on
// the way costs a read or two, not a grey disc for a fine photo. Damaged
// still, the error is delivered — the row keeps its grey disc — and
// nothing is asked again until the person's avatar is.
func (e *Engine) deliverDamagedAvatar(ctx context.Context, p Person, gen uint64, a avatarAsk, ph *graphapi.Photo, deliver func(int, Avatar)) {
	whole, dec, err := e.wholePhoto(ctx, p, a.size, ph)
	e.deliverDecoded(p, gen, a, whole, dec, err, deliver)
}

// deliverDecoded keeps and delivers ph, the answer to a, person p's ask,
// decoded as dec, or err, why it could not be.
func (e *Engine) deliverDecoded(p Person, gen uint64, a avatarAsk, ph *graphapi.Photo, dec *Decoded, err error, deliver func(int, Avatar)) {
	i := a.i
	switch {
	case err != nil:
		deliver(i, Avatar{Person: p, Err: err})
	case dec.Width == 1 && dec.Height == 1:
		e.noAvatar(p, gen, placeholderAnswer(ph))
		deliver(i, Avatar{Person: p, NoPhoto: true})
	default:
		img := thumbnail(dec.Image, AvatarSize)
		e.keep(p.Subject, gen, func() {
			e.cache.putAvatar(p.Subject, &avatarEntry{fetched: e.now(), img: img})
			e.saveDisk(p.Subject, avatarKeySize, &photoEntry{
				fetched: e.now(), served: a.size,
				bytes: ph.Bytes, contentType: ph.ContentType, etag: ph.ETag,
				requestID: ph.RequestID, url: ph.URL,
			})
		})
		deliver(i, Avatar{Person: p, Image: img})
	}
}
