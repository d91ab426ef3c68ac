package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync"

	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/graphapi"
)

// PhotoResult is everything the viewer, the metadata panel and the save and
// copy actions need about one photo request. Bytes and Image are shared
// with the cache: read them, do not modify them.
type PhotoResult struct {
	Person    Person
	Requested graphapi.Size // what was asked for
	Served    graphapi.Size // what is shown, after fallback; SizeLargest for the default photo

	NoPhoto       bool
	NoPhotoReason string // "no photo", "personal accounts cannot read photo metadata", ...

	Meta        *graphapi.PhotoMeta // nil when Graph would not say (personal accounts) or it was not asked
	MetaErr     error               // why Meta is nil, if it was asked for
	Bytes       []byte
	ContentType string // as Graph sent it (maybe "image/Jpeg"); Format is the truth
	ETag        string
	RequestID   string // of the bytes request, or of the answer that said "no photo"; for support tickets
	URL         string // of that same request

	Image         image.Image // decoded off the UI goroutine, after the safety checks
	Format        string      // sniffed from the bytes: "jpeg", "png" or "gif"
	Width, Height int

	Available []graphapi.Size // HD sizes that exist, smallest first; nil = not known yet
	FromCache bool            // answered without downloading the bytes again
}

// Reasons a result has no photo.
const (
	ReasonNoPhoto  = "no photo"
	ReasonPersonal = "personal accounts cannot read photo metadata"
	// ReasonNoMailbox: the user has no Exchange mailbox, where photos live
	// (Graph's historic 400 AuthenticationError).
	ReasonNoMailbox = "this user has no mailbox, so no photo can be read"
)

// FallbackNote tells the user when the photo shown is not the size asked
// for: "648x648 not uploaded — showing 504x504", or "" when it is.
func (r *PhotoResult) FallbackNote() string {
	if r == nil || r.NoPhoto {
		return ""
	}
	if r.Person.Kind == KindContact || !r.Person.Subject.SupportsSizes() {
		if r.Requested != graphapi.SizeLargest {
			return "contacts have one photo size"
		}
		return ""
	}
	if r.Requested == r.Served || r.Requested == graphapi.SizeLargest {
		return ""
	}
	if r.Served == graphapi.SizeLargest {
		return fmt.Sprintf("%s not uploaded — showing the only photo (%dx%d)", r.Requested, r.Width, r.Height)
	}
	return fmt.Sprintf("%s not uploaded — showing %s", r.Requested, r.Served)
}

// Photo gets p's photo at size the way the window shows it: from the cache
// when fresh; when stale, only after the metadata's ETag says it changed;
// otherwise downloaded (bytes and metadata at once) and decoded safely. A
// missing size falls back to the largest smaller one (listing /photos once);
// contacts always get their one photo. "No photo" is a result with NoPhoto
// set, not an error, and is cached too. Errors are Graph, network, decode
// or ctx errors.
func (e *Engine) Photo(ctx context.Context, p Person, size graphapi.Size) (*PhotoResult, error) {
	return e.photo(ctx, p, size, true)
}

func (e *Engine) photo(ctx context.Context, p Person, size graphapi.Size, withMeta bool) (*PhotoResult, error) {
	gen := e.cache.gen(p.Subject)
	r, err := e.photoAt(ctx, p, size, withMeta, gen)
	if err == nil {
		e.avatarFromPhoto(p.Subject, gen, r)
	}
	return r, err
}

// photoAt is photo for gen, p's generation before anything was read.
func (e *Engine) photoAt(ctx context.Context, p Person, size graphapi.Size, withMeta bool, gen uint64) (*PhotoResult, error) {
	key := photoKey{p.Subject, size}
	old := e.cache.photo(key)
	if old == nil {
		// A photo from an earlier run: shown at once when fresh, else
		// revalidated below by its ETag like any stale entry.
		if old = e.loadDisk(p.Subject, size); old != nil {
			e.keep(p.Subject, gen, func() { e.cache.putPhoto(key, old) })
		}
	}
	if old != nil {
		// An entry saved without metadata (by Save all sizes) is revalidated
		// once, which fetches the metadata the viewer wants to show.
		needMeta := withMeta && old.lacksMeta()
		if e.freshPhoto(old.fetched, old.noPhoto) && !needMeta {
			return e.cached(p, size, key, old, gen)
		}
		if ent, ok, err := e.revalidate(ctx, p, key, old, gen); err != nil {
			return nil, err
		} else if ok {
			return e.cached(p, size, key, ent, gen)
		}
	}
	ent, err := e.photoCalls.do(ctx, flightKey{key, withMeta, gen}, func() (*photoEntry, error) {
		ent, err := e.fetch(ctx, p, size, withMeta)
		if err != nil {
			return nil, err
		}
		// An answer that started before an Invalidate may be the old
		// photo: it goes to this caller (who asked before the change) but
		// is not kept.
		e.keep(p.Subject, gen, func() {
			e.cache.putPhoto(key, ent)
			e.saveDisk(p.Subject, size, ent)
			if ent.served != size && !ent.noPhoto {
				e.cache.putPhoto(photoKey{p.Subject, ent.served}, ent)
				e.saveDisk(p.Subject, ent.served, ent)
			}
		})
		return ent, nil
	})
	if err != nil {
		return nil, err
	}
	return e.result(p, size, ent, false), nil
}

// avatarFromPhoto keeps a thumbnail of r, a photo of s just read (for the
// viewer, mostly), as s's list avatar, unless a fresh avatar with a
// picture is kept already: a row whose avatar failed to load (a fault, a
// gateway's error in its batch) is then answered from memory when the
// list asks again, with the photo the viewer showed, rather than by Graph,
// which may fail it again.
func (e *Engine) avatarFromPhoto(s graphapi.Subject, gen uint64, r *PhotoResult) {
	if r == nil || r.NoPhoto || r.Image == nil {
		return
	}
	if a := e.cache.avatar(s); a != nil && a.img != nil && e.freshPhoto(a.fetched, false) {
		return
	}
	img := thumbnail(r.Image, AvatarSize)
	e.keep(s, gen, func() { e.cache.putAvatar(s, &avatarEntry{fetched: e.now(), img: img}) })
}

// PhotoInMemory is Photo when its answer is already in memory and ready
// to show — fresh, with its metadata and decoded image, or a fresh "no
// photo" — so the window can show it in the frame it is drawing rather
// than one later (the first photo after a WarmUp, a person looked at
// again). ok is false when Photo would ask Graph, read the disk or decode.
func (e *Engine) PhotoInMemory(p Person, size graphapi.Size) (*PhotoResult, bool) {
	key := photoKey{p.Subject, size}
	ent := e.cache.photo(key)
	switch {
	case ent == nil || !e.freshPhoto(ent.fetched, ent.noPhoto):
		return nil, false
	case ent.lacksMeta() || (!ent.noPhoto && ent.dec == nil):
		return nil, false
	}
	e.cache.usedPhoto(key)
	return e.result(p, size, ent, true), true
}

// revalidate checks a stale entry with the cheap metadata call at the size
// it actually holds. Every size comes from the same upload, so an unchanged
// ETag there also means a missing larger size is still missing. ok is false
// when the photo must be fetched again. gen is p's generation when old
// was read: after an Invalidate the answer is not kept.
func (e *Engine) revalidate(ctx context.Context, p Person, key photoKey, old *photoEntry, gen uint64) (*photoEntry, bool, error) {
	if old.noPhoto || old.etag == "" {
		return nil, false, nil
	}
	meta, err := e.client.PhotoMeta(ctx, p.Subject, old.served)
	switch {
	case err == nil && graphapi.SameETag(meta.ETag, old.etag):
		ent := touched(old, e.now(), meta)
		e.keep(p.Subject, gen, func() {
			e.cache.putPhoto(key, ent)
			e.saveDisk(p.Subject, key.size, ent)
		})
		return ent, true, nil
	case err == nil:
		return nil, false, nil
	case ctx.Err() != nil:
		return nil, false, err
	case isOffline(err):
		// Better a photo that may be an hour old than none while offline.
		return old, true, nil
	}
	return nil, false, nil
}

// fetch downloads p's photo at size, falling back to a smaller size.
func (e *Engine) fetch(ctx context.Context, p Person, size graphapi.Size, withMeta bool) (*photoEntry, error) {
	served := size
	if !p.Subject.SupportsSizes() {
		served = graphapi.SizeLargest
	}
	ent, err := e.download(ctx, p, served, withMeta)
	if err == nil || served == graphapi.SizeLargest || !missing(err) {
		return e.settle(ent, err)
	}
	// The size is missing: find out which exist, once, and take the largest
	// smaller one.
	sz, serr := e.sizes(ctx, p)
	switch {
	case graphapi.IsNoMailbox(serr):
		return e.noPhoto(ReasonNoMailbox, serr), nil
	case graphapi.IsNoPhoto(serr):
		return e.noPhoto(ReasonNoPhoto, serr), nil
	case graphapi.IsPersonalAccountUnsupported(serr):
		// No size list for personal accounts; their default photo may still work.
		return e.settle(e.download(ctx, p, graphapi.SizeLargest, withMeta))
	case serr != nil:
		return nil, serr
	}
	fb, ok := size.FallbackCandidates(sz.hd)
	if !ok || fb == size {
		// No smaller HD size. A photo kept only in Entra ID has none at all
		// (its /photos list is empty or holds just "default"), and when only
		// larger sizes exist the default photo is still the best there is;
		// if there is no photo, /photo says so.
		fb = graphapi.SizeLargest
	}
	return e.settle(e.download(ctx, p, fb, withMeta))
}

// settle turns "no photo" errors into a cacheable no-photo entry.
func (e *Engine) settle(ent *photoEntry, err error) (*photoEntry, error) {
	switch {
	case err == nil:
		return ent, nil
	case graphapi.IsNoMailbox(err):
		return e.noPhoto(ReasonNoMailbox, err), nil
	case graphapi.IsNoPhoto(err) || errors.Is(err, errPlaceholder):
		return e.noPhoto(ReasonNoPhoto, err), nil
	case graphapi.IsPersonalAccountUnsupported(err):
		return e.noPhoto(ReasonPersonal, err), nil
	}
	return nil, err
}

// missing reports an answer meaning "not at this size": today's 404, or the
// 1x1 placeholder the Get photo doc describes.
func missing(err error) bool {
	return graphapi.IsNotFound(err) || graphapi.IsNoPhoto(err) || errors.Is(err, errPlaceholder)
}

// noPhoto records a "no photo" answer with the request id and URL of the
// answer that said so (why), which a support ticket needs as much as a
// photo's.
func (e *Engine) noPhoto(reason string, why error) *photoEntry {
	ent := &photoEntry{fetched: e.now(), noPhoto: true, reason: reason}
	var ge *graphapi.Error
	if errors.As(why, &ge) {
		ent.requestID, ent.url = ge.RequestID, ge.URL
	}
	return ent
}

// download gets the bytes at exactly size, with the metadata alongside when
// withMeta (both are in flight together, so it costs no extra round trip),
// and decodes them.
func (e *Engine) download(ctx context.Context, p Person, size graphapi.Size, withMeta bool) (*photoEntry, error) {
	var (
		wg      sync.WaitGroup
		meta    *graphapi.PhotoMeta
		metaErr error
	)
	if withMeta {
		wg.Go(func() { meta, metaErr = e.client.PhotoMeta(ctx, p.Subject, size) })
	}
	ph, err := e.client.PhotoBytes(ctx, p.Subject, size)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if graphapi.IsNoPhoto(metaErr) {
		// The bytes of Graph's 1x1 placeholder are not a photo.
		return nil, metaErr
	}
	ph, dec, err := e.wholePhoto(ctx, p, size, ph)
	if err != nil {
		return nil, fmt.Errorf("photo of %s: %w", p, err)
	}
	if dec.Width == 1 && dec.Height == 1 {
		return nil, fmt.Errorf("photo of %s: %w", p, placeholderAnswer(ph))
	}
	ent := &photoEntry{
		fetched: e.now(), served: size,
		meta: meta, metaErr: metaErr,
		bytes: ph.Bytes, contentType: ph.ContentType, etag: ph.ETag,
		requestID: ph.RequestID, url: ph.URL, dec: dec,
	}
	if meta != nil && meta.ETag != "" {
		ent.etag = meta.ETag
	}
	return ent, nil
}

// cached is the result of a cache hit, decoded again if the cache had
// released its decoded image (decodedlru.go).
func (e *Engine) cached(p Person, size graphapi.Size, key photoKey, ent *photoEntry, gen uint64) (*PhotoResult, error) {
	ent, err := e.redecode(key, ent, gen)
	if err != nil {
		return nil, fmt.Errorf("photo of %s: %w", p, err)
	}
	e.cache.usedPhoto(key)
	return e.result(p, size, ent, true), nil
}

// result makes the caller's copy of an entry.
func (e *Engine) result(p Person, requested graphapi.Size, ent *photoEntry, fromCache bool) *PhotoResult {
	r := &PhotoResult{
		Person: p, Requested: requested, Served: ent.served,
		NoPhoto: ent.noPhoto, NoPhotoReason: ent.reason,
		Meta: ent.meta, MetaErr: ent.metaErr,
		Bytes: ent.bytes, ContentType: ent.contentType, ETag: ent.etag,
		RequestID: ent.requestID, URL: ent.url,
		FromCache: fromCache,
	}
	if ent.noPhoto {
		r.Served = requested
	}
	if ent.dec != nil {
		r.Image, r.Format, r.Width, r.Height = ent.dec.Image, ent.dec.Format, ent.dec.Width, ent.dec.Height
	}
	if !p.Subject.SupportsSizes() {
		r.Available = []graphapi.Size{}
	} else if sz := e.cache.sizeList(p.Subject); sz != nil {
		r.Available = sz.hd
	}
	return r
}

// AvailableSizes lists the HD sizes p's photo exists in, smallest first,
// from /photos (cached like photos). It is empty, not nil, for contacts,
// people without a photo and Entra-only photos, which have only their
// default size.
func (e *Engine) AvailableSizes(ctx context.Context, p Person) ([]graphapi.Size, error) {
	if !p.Subject.SupportsSizes() {
		return []graphapi.Size{}, nil
	}
	sz, err := e.sizes(ctx, p)
	switch {
	case graphapi.IsNoPhoto(err):
		return []graphapi.Size{}, nil
	case err != nil:
		return nil, err
	}
	return sz.hd, nil
}

// sizes is the cached /photos list.
func (e *Engine) sizes(ctx context.Context, p Person) (*sizesEntry, error) {
	gen := e.cache.gen(p.Subject)
	if sz := e.cache.sizeList(p.Subject); sz != nil && e.fresh(sz.fetched) {
		return sz, nil
	}
	return e.sizeCalls.do(ctx, sizesKey{p.Subject, gen}, func() (*sizesEntry, error) { return e.listSizes(ctx, p, gen) })
}

// sizesKey is a size list request in progress; like flightKey it carries
// the subject's generation, so no one joins a request older than a change.
type sizesKey struct {
	subj graphapi.Subject
	gen  uint64
}

// listSizes asks Graph for p's size list and caches it, unless p was
// forgotten since gen.
func (e *Engine) listSizes(ctx context.Context, p Person, gen uint64) (*sizesEntry, error) {
	metas, err := e.client.PhotoSizes(ctx, p.Subject)
	if err != nil {
		if graphapi.IsNoPhoto(err) {
			e.keep(p.Subject, gen, func() { e.cache.putSizes(p.Subject, &sizesEntry{fetched: e.now(), hd: []graphapi.Size{}}) })
		}
		return nil, err
	}
	sz := &sizesEntry{fetched: e.now(), hd: []graphapi.Size{}}
	have := map[graphapi.Size]bool{}
	for _, m := range metas {
		if s := m.HDSize(); s != "" {
			have[s] = true
		}
	}
	for _, s := range graphapi.HDSizes {
		if have[s] {
			sz.hd = append(sz.hd, s)
		}
	}
	e.keep(p.Subject, gen, func() { e.cache.putSizes(p.Subject, sz) })
	return sz, nil
}

// Invalidate forgets everything cached about p, in memory and on disk,
// for Refresh and after a change: once it returns nothing cached about p
// is served, though the disk cache's files may still be on their way out
// (deleted in the background, so the window's goroutine never waits for
// the disk). Fetches already in flight keep nothing they learn
// (generation.go).
//
// The signed-in user is one person under two subjects, /me and
// /users/{id}: whichever a change went through, both are forgotten.
func (e *Engine) Invalidate(p Person) {
	e.keepMu.Lock()
	defer e.keepMu.Unlock()
	subjects := e.aliases(p)
	for _, s := range subjects {
		e.cache.forget(s)
		e.forgetDisk(s)
	}
	if f := e.elsewhere; f != nil {
		_ = diskcache.RemoveFiles(f.Dir, diskKeysOf(f.Cloud, f.Tenant, "", subjects)...) // at worst the window shows the old photo until its hour is up
	}
}

// aliases are the subjects p's photo is cached under.
func (e *Engine) aliases(p Person) []graphapi.Subject {
	out := []graphapi.Subject{p.Subject}
	switch p.Subject.Kind() {
	case graphapi.KindMe:
		if p.ID != "" {
			out = append(out, graphapi.User(p.ID))
		}
	case graphapi.KindUser:
		if me := e.meID.Load(); me != nil && *me == p.Subject.ID() {
			out = append(out, graphapi.Me())
		}
		if p.ID != "" && p.ID != p.Subject.ID() { // named by UPN; the window keeps them by id
			out = append(out, graphapi.User(p.ID))
		}
	}
	return out
}

// placeholderAnswer is the error for ph, Graph's 1x1 "no photo" image: it
// keeps the answer's request id and URL, which go in a support ticket.
func placeholderAnswer(ph *graphapi.Photo) error {
	return fmt.Errorf("%w: %w", errPlaceholder, &graphapi.Error{
		Status: 200, Code: graphapi.CodeNoPhotoPlaceholder, Message: "1x1 placeholder image",
		RequestID: ph.RequestID, URL: ph.URL,
	})
}

// errPlaceholder marks bytes that are Graph's 1x1 "no photo" image; no
// real profile photo is one pixel.
var errPlaceholder = errors.New("1x1 placeholder image, not a photo")
