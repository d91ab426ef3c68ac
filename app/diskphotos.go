package app

import (
	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/graphapi"
)

// diskScope is where an engine keeps photos on disk: one cache, one
// tenant, and for a tenant made afresh every run (the sandbox) this run's
// copy of it.
type diskScope struct {
	cache              *diskcache.Cache
	cloud, tenant, run string
}

// UseDiskCache makes the engine keep photos in d, under one cloud and
// tenant, so a restart shows them without downloading the bytes again
// when their ETag is unchanged. Call it once, before the engine is used.
// Only users and groups are kept on disk: their photos are the same
// whoever asks in the tenant, while "me" and contacts belong to one
// account. An empty tenant turns the disk cache off.
func (e *Engine) UseDiskCache(d *diskcache.Cache, cloud, tenant string) {
	e.UseDiskCacheFor(d, cloud, tenant, "")
}

// UseDiskCacheFor is UseDiskCache for a tenant made afresh every run (the
// sandbox), run naming this run's copy (diskcache.Key.Run): another run,
// at once or later, has photos of its own under the same tenant id.
func (e *Engine) UseDiskCacheFor(d *diskcache.Cache, cloud, tenant, run string) {
	if d == nil || tenant == "" {
		return
	}
	e.disk = &diskScope{cache: d, cloud: cloud, tenant: tenant, run: run}
}

// diskKey is subj at size on disk, or false when subj is not kept there.
func (e *Engine) diskKey(subj graphapi.Subject, size graphapi.Size) (diskcache.Key, bool) {
	if e.disk == nil {
		return diskcache.Key{}, false
	}
	return diskKeyIn(e.disk.cloud, e.disk.tenant, e.disk.run, subj, size)
}

// diskKeyIn is subj at size in the disk cache of one cloud and tenant (and
// run, for the sandbox).
func diskKeyIn(cloud, tenant, run string, subj graphapi.Subject, size graphapi.Size) (diskcache.Key, bool) {
	if subj.Kind() != graphapi.KindUser && subj.Kind() != graphapi.KindGroup {
		return diskcache.Key{}, false
	}
	path, err := subj.PhotosPath()
	if err != nil {
		return diskcache.Key{}, false
	}
	name := string(size)
	if size == graphapi.SizeLargest {
		name = "largest"
	}
	return diskcache.Key{Cloud: cloud, Tenant: tenant, Subject: path, Size: name, Run: run}, true
}

// diskKeysOf are every key subjects are kept under on disk: each size the
// engine asks for.
func diskKeysOf(cloud, tenant, run string, subjects []graphapi.Subject) []diskcache.Key {
	var keys []diskcache.Key
	for _, subj := range subjects {
		for _, size := range append([]graphapi.Size{graphapi.SizeLargest}, graphapi.HDSizes...) {
			if k, ok := diskKeyIn(cloud, tenant, run, subj, size); ok {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// loadDisk is subj at size from disk, decoded, or nil. An entry whose
// bytes no longer decode is removed: the cache's checksum guards against
// damage, not against a photo this build refuses.
func (e *Engine) loadDisk(subj graphapi.Subject, size graphapi.Size) *photoEntry {
	k, ok := e.diskKey(subj, size)
	if !ok {
		return nil
	}
	d, ok := e.disk.cache.Get(k)
	if !ok {
		return nil
	}
	ent := &photoEntry{
		fetched: d.Fetched, served: graphapi.Size(d.Served),
		noPhoto: d.NoPhoto, reason: d.Reason,
		bytes: d.Bytes, contentType: d.ContentType, etag: d.ETag,
		requestID: d.RequestID, url: d.URL,
	}
	if d.Meta != nil {
		ent.meta = &graphapi.PhotoMeta{
			ID: d.Meta.ID, Width: d.Meta.Width, Height: d.Meta.Height,
			ContentType: d.Meta.ContentType, ETag: d.Meta.ETag,
		}
	}
	if ent.noPhoto {
		return ent
	}
	dec, err := DecodeImage(d.Bytes, e.maxPixels)
	if err != nil || (dec.Width == 1 && dec.Height == 1) {
		e.disk.cache.Remove(k)
		return nil
	}
	ent.dec = dec
	return ent
}

// saveDisk keeps ent as subj at size on disk. A failure to write costs
// only a download next run, so it is not reported.
func (e *Engine) saveDisk(subj graphapi.Subject, size graphapi.Size, ent *photoEntry) {
	k, ok := e.diskKey(subj, size)
	if !ok {
		return
	}
	e.diskMu.RLock()
	defer e.diskMu.RUnlock()
	if e.retired {
		return
	}
	d := &diskcache.Entry{
		Served: string(ent.served), NoPhoto: ent.noPhoto, Reason: ent.reason,
		ContentType: ent.contentType, ETag: ent.etag,
		RequestID: ent.requestID, URL: ent.url,
		Fetched: ent.fetched, Bytes: ent.bytes,
	}
	if m := ent.meta; m != nil {
		d.Meta = &diskcache.Meta{ID: m.ID, Width: m.Width, Height: m.Height, ContentType: m.ContentType, ETag: m.ETag}
	}
	_ = e.disk.cache.Put(k, d)
}

// forgetDisk drops subj's entries at every size the engine asks for: at
// once for Get, the files in the background (Invalidate runs on the
// window's goroutine after a change or Refresh).
func (e *Engine) forgetDisk(subj graphapi.Subject) {
	if e.disk == nil {
		return
	}
	e.disk.cache.RemoveSoon(diskKeysOf(e.disk.cloud, e.disk.tenant, e.disk.run, []graphapi.Subject{subj})...)
}

// ForgetElsewhere is where another process (the window) keeps photos of
// this engine's tenant on disk, for a process that changes photos without
// a disk cache of its own (the command line): a change through the engine
// deletes the person's entries there too (diskcache.RemoveFiles), so the
// window does not show the old photo. It never reads or fills that cache.
type ForgetElsewhere struct {
	Dir, Cloud, Tenant string
}

// ForgetOnDiskElsewhere makes Invalidate also delete what f's cache holds
// of the person. Call it once, before the engine is used.
func (e *Engine) ForgetOnDiskElsewhere(f ForgetElsewhere) {
	if f.Dir != "" && f.Tenant != "" {
		e.elsewhere = &f
	}
}

// ForgetMemory drops every photo, size list and avatar the engine holds in
// memory, for Settings > Clear cache (the disk cache is cleared by its
// owner): the next look at anyone asks Graph again.
// Fetches already in flight keep nothing they learn (generation.go).
func (e *Engine) ForgetMemory() {
	e.keepMu.Lock()
	defer e.keepMu.Unlock()
	e.cache.clear()
}

// Retire stops the engine writing to the disk cache: its account's
// connection has ended, and a sign-out removes the tenant's photos next —
// a fetch still finishing must not write them back. It waits for a write
// under way. Reading and memory are unaffected.
func (e *Engine) Retire() {
	e.diskMu.Lock()
	defer e.diskMu.Unlock()
	e.retired = true
}
