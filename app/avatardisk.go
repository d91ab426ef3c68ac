package app

import (
	"context"
	"net/http"
	"strconv"

	"github.com/photodesk/photodesk/graphapi"
)

// avatarKeySize is the size avatars are asked for and kept under, on disk
// as in Graph; the bytes kept may be the default photo when a person has
// no 48x48 (Served says which).
const avatarKeySize = graphapi.Size("48x48")

// staleAvatar is an avatar from disk older than the engine's TTL: that of
// p, fed to an avatar run as i with generation gen.
type staleAvatar struct {
	i   int
	p   Person
	gen uint64
	d   *photoEntry
}

// keepAvatar makes d (from disk, decoded) p's avatar in memory, unless p
// was forgotten since gen.
func (e *Engine) keepAvatar(p Person, d *photoEntry, gen uint64) Avatar {
	if d.noPhoto || d.dec == nil {
		e.keep(p.Subject, gen, func() { e.cache.putAvatar(p.Subject, &avatarEntry{fetched: d.fetched, noPhoto: true}) })
		return Avatar{Person: p, NoPhoto: true}
	}
	img := thumbnail(d.dec.Image, AvatarSize)
	e.keep(p.Subject, gen, func() { e.cache.putAvatar(p.Subject, &avatarEntry{fetched: d.fetched, img: img}) })
	return Avatar{Person: p, Image: img}
}

// noAvatar remembers that p has no photo, in memory and on disk, unless p
// was forgotten since gen. why is Graph's answer that said so: the viewer
// reads what is kept at the avatar's size, and must give its reason (no
// mailbox is not "no photo uploaded"), request id and URL as it would
// for an answer of its own.
func (e *Engine) noAvatar(p Person, gen uint64, why error) {
	ent, err := e.settle(nil, why)
	if err != nil || ent == nil {
		ent = e.noPhoto(ReasonNoPhoto, why)
	}
	e.keep(p.Subject, gen, func() {
		e.cache.putAvatar(p.Subject, &avatarEntry{fetched: ent.fetched, noPhoto: true})
		e.saveDisk(p.Subject, avatarKeySize, ent)
	})
}

// revalidateChunk asks Graph, in one $batch, for the metadata of each
// stale avatar of chunk at the size its bytes are; an unchanged ETag
// delivers the avatar from disk (no bytes downloaded). A "no photo" kept
// on disk is checked the same way, by the metadata of the default photo:
// one request where asking the bytes again took two (the avatar's size,
// then the default), and none of the placeholder's bytes. It returns the
// people whose photo changed or could not be checked, to be downloaded
// again.
func (e *Engine) revalidateChunk(ctx context.Context, chunk []staleAvatar, deliver func(int, Avatar)) (changed []int) {
	var (
		reqs []graphapi.BatchRequest
		asks []staleAvatar // reqs[j] checks asks[j]
	)
	for _, s := range chunk {
		size := s.d.served
		if s.d.noPhoto {
			size = graphapi.SizeLargest
		}
		path, err := s.p.Subject.PhotoPath(size, false)
		if err != nil {
			changed = append(changed, s.i)
			continue
		}
		reqs = append(reqs, graphapi.BatchRequest{ID: strconv.Itoa(len(reqs)), Method: http.MethodGet, URL: path})
		asks = append(asks, s)
	}
	if len(reqs) == 0 {
		return changed
	}
	resps, err := e.client.Batch(ctx, reqs)
	for j, s := range asks {
		p := s.p
		if ctx.Err() == nil && (isOffline(err) || (err == nil && isOffline(resps[j].Err))) {
			// Better an avatar that may be an hour old than a grey disc,
			// as the viewer does with its photo; kept as stale in memory,
			// so the next look online checks it again.
			deliver(s.i, e.keepAvatar(p, s.d, s.gen))
			continue
		}
		if err != nil || !e.unchanged(s.d, resps[j]) {
			changed = append(changed, s.i)
			continue
		}
		s.d.fetched = e.now()
		e.keep(p.Subject, s.gen, func() { e.saveDisk(p.Subject, avatarKeySize, s.d) })
		deliver(s.i, e.keepAvatar(p, s.d, s.gen))
	}
	return changed
}

// unchanged reports whether r, the metadata answer checking d, says what d
// says: the same ETag, or no photo still for the same reason (the viewer
// shows the reason kept: a user given a mailbox since is no longer one
// without). A personal account's metadata is never served
// (ConsumerPhotoIsNotSupported), so it cannot say.
func (e *Engine) unchanged(d *photoEntry, r graphapi.BatchResponse) bool {
	if d.noPhoto {
		if r.Err != nil {
			if graphapi.IsPersonalAccountUnsupported(r.Err) {
				return false
			}
			ent, err := e.settle(nil, r.Err)
			return err == nil && ent.noPhoto && ent.reason == d.reason
		}
		meta, err := graphapi.DecodePhotoMeta(r.Body)
		return r.Status == http.StatusOK && err == nil && meta.IsPlaceholder() && d.reason == ReasonNoPhoto
	}
	if r.Err != nil || r.Status != http.StatusOK {
		return false
	}
	meta, err := graphapi.DecodePhotoMeta(r.Body)
	return err == nil && !meta.IsPlaceholder() && graphapi.SameETag(meta.ETag, d.etag)
}
