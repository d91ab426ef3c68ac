package app

import (
	"context"
	"image"
	"sync"

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
	var mu sync.Mutex
	deliver := func(i int, a Avatar) {
		mu.Lock()
		defer mu.Unlock()
		if ctx.Err() == nil {
			each(i, a)
		}
	}
	// Each person's generation, read before anything is fetched: an
	// answer that arrives after an Invalidate is delivered (it was asked
	// for before the change) but not kept (generation.go).
	gens := make([]uint64, len(people))
	for i, p := range people {
		gens[i] = e.cache.gen(p.Subject)
	}
	var missing []int
	var stale []staleAvatar
	for i, p := range people {
		if ent := e.cache.avatar(p.Subject); ent != nil && e.freshPhoto(ent.fetched, ent.noPhoto) {
			deliver(i, Avatar{Person: p, Image: ent.img, NoPhoto: ent.noPhoto})
			continue
		}
		if d := e.loadDisk(p.Subject, avatarKeySize); d != nil {
			switch {
			case e.freshPhoto(d.fetched, d.noPhoto):
				deliver(i, e.keepAvatar(p, d, gens[i]))
				continue
			case d.noPhoto || d.etag != "":
				stale = append(stale, staleAvatar{i, d})
				continue
			}
		}
		missing = append(missing, i)
	}
	// Avatars from an earlier run, and "no photo" answers, are checked by
	// their metadata (20 to a $batch, no bytes) while the missing ones
	// download.
	var changed []int
	var wg sync.WaitGroup
	wg.Go(func() { changed = e.revalidateAvatars(ctx, people, gens, stale, deliver) })
	e.runAvatarAsks(ctx, people, gens, avatarAsksFor(people, missing), deliver)
	wg.Wait()
	e.runAvatarAsks(ctx, people, gens, avatarAsksFor(people, changed), deliver)
}

// avatarAsksFor asks for people idx at the avatar's size, a contact (which
// has no sizes) for its one photo, in that order: those without the
// avatar's size are asked for their default photo in the envelopes that
// follow.
func avatarAsksFor(people []Person, idx []int) []avatarAsk {
	var sized, plain []avatarAsk
	for _, i := range idx {
		if people[i].Subject.SupportsSizes() {
			sized = append(sized, avatarAsk{i: i, size: avatarKeySize})
		} else {
			plain = append(plain, avatarAsk{i: i, size: graphapi.SizeLargest})
		}
	}
	return append(sized, plain...)
}

// avatarWorkers is how many envelopes may be prepared at once; the photo
// limiter and its pacer decide how many are on the wire.
const avatarWorkers = 4

// runAvatarAsks sends asks, and the default-size retries their answers
// bring, on avatarWorkers workers, in envelopes packed by avatarQueue.
func (e *Engine) runAvatarAsks(ctx context.Context, people []Person, gens []uint64, asks []avatarAsk, deliver func(int, Avatar)) {
	if len(asks) == 0 {
		return
	}
	q := newAvatarQueue(asks, e.avatarPartWait)
	var wg sync.WaitGroup
	for range avatarWorkers {
		wg.Go(func() {
			for asks := q.next(ctx); asks != nil; asks = q.next(ctx) {
				e.avatarPass(ctx, people, gens, asks, func(again []int) { q.answered(asks, again) }, deliver)
			}
		})
	}
	wg.Wait()
}

// avatarPass batches asks and calls retry, once, with the people missing at
// an HD size, to be asked again at the default size — before it decodes,
// keeps and delivers the others, so that the envelope the retries join is
// not kept waiting on that work. gens[i] is people[i]'s generation when
// Avatars began.
func (e *Engine) avatarPass(ctx context.Context, people []Person, gens []uint64, asks []avatarAsk, retry func([]int), deliver func(int, Avatar)) {
	photoAsks := make([]graphapi.PhotoAsk, len(asks))
	for k, a := range asks {
		photoAsks[k] = graphapi.PhotoAsk{Subject: people[a.i].Subject, Size: a.size}
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
			e.deliverAvatar(people[a.i], gens[a.i], a, res, deliver)
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
