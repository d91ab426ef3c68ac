package app

import (
	"context"
	"sync"

	"github.com/photodesk/photodesk/graphapi"
)

// StreamAvatars is Avatars for people handed over through feed a few at a
// time, as a list's rows are looked up; i numbers them in the order they
// were added. They join one queue as they come, so their envelopes fill
// as they would for the same people at once, and the default-size retries
// ride with rows added later: the first rows' envelope goes at once, and
// later part-filled ones wait at most avatarPartWait for more rows. It
// returns once the feed is closed and every person delivered, or when ctx
// ends (a newer list or search), after which each is not called again.
func (e *Engine) StreamAvatars(ctx context.Context, feed *PeopleFeed, each func(i int, a Avatar)) {
	r := &avatarRun{
		e: e, ctx: ctx, each: each,
		photos: newAvatarQueue(e.avatarPartWait),
		checks: newAvatarQueue(e.avatarPartWait),
	}
	// Until its last people are sorted, the feed may add to both queues.
	r.photos.expect(1)
	r.checks.expect(1)
	var wg sync.WaitGroup
	wg.Go(func() { r.sort(feed) })
	for range avatarCheckWorkers {
		wg.Go(r.checkAvatars)
	}
	for range avatarWorkers {
		wg.Go(r.fetchAvatars)
	}
	wg.Wait()
}

// avatarRun is one StreamAvatars call: the people fed so far, by index,
// and its two queues — the avatars to download, and those kept on disk
// past the TTL, whose metadata is checked first (20 to a $batch, no
// bytes), a changed one joining the downloads.
type avatarRun struct {
	e      *Engine
	ctx    context.Context
	photos *avatarQueue
	checks *avatarQueue

	eachMu sync.Mutex // held through each call of each: one at a time
	each   func(int, Avatar)

	mu     sync.Mutex
	people []Person
	// gens[i] is people[i]'s generation, read before anything is fetched:
	// an answer that arrives after an Invalidate is delivered (it was
	// asked for before the change) but not kept (generation.go).
	gens  []uint64
	stale map[int]*photoEntry // the avatars being checked, by index
}

// deliver hands person i's avatar to the caller unless ctx has ended.
func (r *avatarRun) deliver(i int, a Avatar) {
	r.eachMu.Lock()
	defer r.eachMu.Unlock()
	if r.ctx.Err() == nil {
		r.each(i, a)
	}
}

// person is the person fed as i, and their generation.
func (r *avatarRun) person(i int) (Person, uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.people[i], r.gens[i]
}

// sort takes the feed's people as they come: cached avatars are delivered
// at once, those kept on disk past the TTL queued to be checked, the rest
// to be downloaded. The feed's last people settle it in both queues.
func (r *avatarRun) sort(feed *PeopleFeed) {
	for r.ctx.Err() == nil {
		people, last := feed.Next(r.ctx)
		if r.ctx.Err() != nil {
			return
		}
		gens := make([]uint64, len(people))
		for k, p := range people {
			gens[k] = r.e.cache.gen(p.Subject)
		}
		r.mu.Lock()
		from := len(r.people)
		r.people, r.gens = append(r.people, people...), append(r.gens, gens...)
		r.mu.Unlock()
		var missing, stale []int
		for k, p := range people {
			i, gen := from+k, gens[k]
			if ent := r.e.cache.avatar(p.Subject); ent != nil && r.e.freshPhoto(ent.fetched, ent.noPhoto) {
				r.deliver(i, Avatar{Person: p, Image: ent.img, NoPhoto: ent.noPhoto})
				continue
			}
			if d := r.e.loadDisk(p.Subject, avatarKeySize); d != nil {
				switch {
				case r.e.freshPhoto(d.fetched, d.noPhoto):
					r.deliver(i, r.e.keepAvatar(p, d, gen))
					continue
				case d.noPhoto || d.etag != "":
					r.keepStale(i, d)
					stale = append(stale, i)
					continue
				}
			}
			missing = append(missing, i)
		}
		settled := 0
		if last {
			settled = 1
		}
		// Each avatar checked may turn out changed and join the downloads.
		r.photos.expect(len(stale))
		r.checks.add(plainAsks(stale), settled)
		r.photos.add(r.asksFor(missing), settled)
		if last {
			return
		}
	}
}

// keepStale keeps d, person i's avatar kept on disk, for its check.
func (r *avatarRun) keepStale(i int, d *photoEntry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stale == nil {
		r.stale = map[int]*photoEntry{}
	}
	r.stale[i] = d
}

// plainAsks are asks for people idx with no HD size: their answers bring
// no retries.
func plainAsks(idx []int) []avatarAsk {
	asks := make([]avatarAsk, len(idx))
	for k, i := range idx {
		asks[k] = avatarAsk{i: i, size: graphapi.SizeLargest}
	}
	return asks
}

// asksFor asks for people idx at the avatar's size, a contact (which has
// no sizes) for its one photo, in that order: those without the avatar's
// size are asked for their default photo in the envelopes that follow.
func (r *avatarRun) asksFor(idx []int) []avatarAsk {
	var sized, plain []avatarAsk
	for _, i := range idx {
		if p, _ := r.person(i); p.Subject.SupportsSizes() {
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

// avatarCheckWorkers is how many envelopes of checks may be out at once.
const avatarCheckWorkers = 2

// fetchAvatars sends the downloads, and the default-size retries their
// answers bring, in the envelopes the photos queue packs, until every ask
// is answered or ctx ends.
func (r *avatarRun) fetchAvatars() {
	for asks := r.photos.next(r.ctx); asks != nil; asks = r.photos.next(r.ctx) {
		r.e.avatarPass(r.ctx, r.person, asks, func(again []int) { r.photos.answered(asks, again) }, r.deliver)
	}
}

// checkAvatars checks the avatars kept on disk past the TTL, in the
// envelopes the checks queue packs, delivering the unchanged ones and
// queueing the others to be downloaded.
func (r *avatarRun) checkAvatars() {
	for asks := r.checks.next(r.ctx); asks != nil; asks = r.checks.next(r.ctx) {
		chunk := make([]staleAvatar, len(asks))
		r.mu.Lock()
		for k, a := range asks {
			chunk[k] = staleAvatar{i: a.i, p: r.people[a.i], gen: r.gens[a.i], d: r.stale[a.i]}
			delete(r.stale, a.i)
		}
		r.mu.Unlock()
		changed := r.e.revalidateChunk(r.ctx, chunk, r.deliver)
		r.checks.answered(asks, nil)
		r.photos.add(r.asksFor(changed), len(asks))
	}
}
