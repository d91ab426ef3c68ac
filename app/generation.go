package app

import "github.com/photodesk/photodesk/graphapi"

// A fetch in flight when its subject is invalidated (after an import, a
// change, an undo or Refresh) answers with the photo from before the
// change. Keeping that answer would put the old photo back in memory and
// on disk, where it would outlive a restart. So a fetch reads its
// subject's generation first and keeps its answer only while the
// generation is unchanged.

// keep runs store, which puts an answer about subj in the memory or disk
// cache, unless subj was forgotten since gen was read; it reports whether
// store ran. Invalidate cannot run in between: a keep that saw the old
// generation finishes before Invalidate removes entries, so it cannot
// write an old photo after they are gone.
func (e *Engine) keep(subj graphapi.Subject, gen uint64, store func()) bool {
	e.keepMu.RLock()
	defer e.keepMu.RUnlock()
	if e.cache.gen(subj) != gen {
		return false
	}
	store()
	return true
}
