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
	var todo []int
	for i, p := range people {
		if ent := e.cache.avatar(p.Subject); ent != nil && e.fresh(ent.fetched) {
			deliver(i, Avatar{Person: p, Image: ent.img, NoPhoto: ent.noPhoto})
			continue
		}
		todo = append(todo, i)
	}
	chunks := make(chan []int)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for chunk := range chunks {
				e.avatarChunk(ctx, people, chunk, deliver)
			}
		})
	}
	for start := 0; start < len(todo) && ctx.Err() == nil; start += avatarBatch {
		select {
		case chunks <- todo[start:min(start+avatarBatch, len(todo))]:
		case <-ctx.Done():
		}
	}
	close(chunks)
	wg.Wait()
}

// avatarChunk fetches up to 20 avatars: HD-size subjects at 48x48 and
// contacts at their default size in one batch each, then a second pass at
// the default size for those without a 48x48.
func (e *Engine) avatarChunk(ctx context.Context, people []Person, chunk []int, deliver func(int, Avatar)) {
	var sized, plain []int
	for _, i := range chunk {
		if people[i].Subject.SupportsSizes() {
			sized = append(sized, i)
		} else {
			plain = append(plain, i)
		}
	}
	retry := e.avatarPass(ctx, people, sized, graphapi.Size("48x48"), deliver)
	plain = append(plain, retry...)
	e.avatarPass(ctx, people, plain, graphapi.SizeLargest, deliver)
}

// avatarPass batches idx at size and delivers each outcome, except (for an
// HD size) those missing at that size, which it returns for another try.
func (e *Engine) avatarPass(ctx context.Context, people []Person, idx []int, size graphapi.Size, deliver func(int, Avatar)) (missingAtSize []int) {
	if len(idx) == 0 {
		return nil
	}
	subjects := make([]graphapi.Subject, len(idx))
	for k, i := range idx {
		subjects[k] = people[i].Subject
	}
	results := e.client.PhotosBatch(ctx, subjects, size)
	for k, res := range results {
		i := idx[k]
		p := people[i]
		if res.Err != nil {
			switch {
			case ctx.Err() != nil:
				return nil
			case size != graphapi.SizeLargest && missing(res.Err):
				missingAtSize = append(missingAtSize, i)
			case graphapi.IsNoPhoto(res.Err) || graphapi.IsNotFound(res.Err) || graphapi.IsPersonalAccountUnsupported(res.Err):
				e.cache.putAvatar(p.Subject, &avatarEntry{fetched: e.now(), noPhoto: true})
				deliver(i, Avatar{Person: p, NoPhoto: true})
			default:
				deliver(i, Avatar{Person: p, Err: res.Err})
			}
			continue
		}
		dec, err := decodeImage(res.Photo.Bytes, e.maxPixels)
		switch {
		case err != nil:
			deliver(i, Avatar{Person: p, Err: err})
		case dec.width == 1 && dec.height == 1:
			if size != graphapi.SizeLargest {
				missingAtSize = append(missingAtSize, i)
				continue
			}
			e.cache.putAvatar(p.Subject, &avatarEntry{fetched: e.now(), noPhoto: true})
			deliver(i, Avatar{Person: p, NoPhoto: true})
		default:
			img := thumbnail(dec.img, AvatarSize)
			e.cache.putAvatar(p.Subject, &avatarEntry{fetched: e.now(), img: img})
			deliver(i, Avatar{Person: p, Image: img})
		}
	}
	return missingAtSize
}
