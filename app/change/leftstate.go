package change

import (
	"strings"

	"github.com/photodesk/photodesk/graphapi"
)

// leftState is the photo the change log says a person has now: the one
// the newest change to it that went through left. An undo compares it with
// the photo there before overwriting, so that a photo changed since —
// outside Photo Desk, or by someone else — is not lost without a word.
type leftState struct {
	known bool   // the log can tell
	none  bool   // no photo (a removal, or the undo of a first photo)
	etag  string // else the photo's ETag, which Graph changes on every upload
}

// stateLeft is the photo the log says the target of change x has now.
// The newest change to that target that went through says it: a removal
// left none; a set left its new ETag (unknown when not read, as a bulk
// import skips it); an undo left none when the change it undid had no
// backup (a first photo, removed), else its new ETag.
func stateLeft(entries []Entry, x Entry) leftState {
	byID := map[string]Entry{}
	var last *Entry
	for i, e := range entries {
		byID[e.ID] = e
		if e.Status == StatusDone && e.Tenant == x.Tenant && sameTarget(e.Target, x.Target) {
			last = &entries[i]
		}
	}
	switch {
	case last == nil:
		return leftState{}
	case last.Action == ActionRemove:
		return leftState{known: true, none: true}
	case last.Action == ActionUndo:
		if undone, ok := byID[last.Undoes]; ok && undone.Backup == "" {
			return leftState{known: true, none: true}
		}
	}
	return leftState{known: last.NewETag != "", etag: last.NewETag}
}

// differs reports a photo now (current, nil for none) that is not the one
// the log says is there; an unknown state never differs.
func (s leftState) differs(current *graphapi.Photo) bool {
	switch {
	case !s.known:
		return false
	case s.none:
		return current != nil
	}
	return current == nil || !graphapi.SameETag(current.ETag, s.etag)
}

// sameTarget reports two log targets for the same photo. Ids and UPNs are
// compared without case, as Entra ID compares them.
func sameTarget(a, b Target) bool {
	return a.Kind == b.Kind && strings.EqualFold(a.ID, b.ID) && strings.EqualFold(a.Owner, b.Owner) && a.Folder == b.Folder
}
