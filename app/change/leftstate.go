package change

import (
	"fmt"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// leftState is the photo the change log says a person has now. An undo
// compares it with the photo there before overwriting, so that a photo
// changed since — by a later change, Photo Desk's or anyone's — is not lost
// without a word.
type leftState struct {
	later *Entry // a later change that stands (not undone): changed, whatever the photo
	known bool   // the log can tell
	none  bool   // no photo (a removal, or the undo of a first photo)
	etag  string // else the photo's ETag, which Graph changes on every upload
	// undoUnanswered is an undo of the change that got no answer: it may
	// have gone through, which is the likeliest reason the photo differs.
	undoUnanswered *Entry
}

// stateLeft is the photo the log says the target of change x has now.
// A later change to the target that went through (or may have) and was
// not undone, by any account, means the photo is not x's any more. Else
// the newest change to the target that went through says it: a removal
// left none; a set left its new ETag (unknown when not read, as a bulk
// import skips it); an undo left none when the change it undid had no
// backup (a first photo, removed), else its new ETag.
//
// told are later changes the person was told cannot be undone and chose to
// undo past (Undoable.PassedOver): they do not count as changes since.
func stateLeft(entries []Entry, x Entry, told map[string]bool) leftState {
	byID := map[string]Entry{}
	undone := map[string]bool{}
	for _, e := range entries {
		byID[e.ID] = e
		if e.Action == ActionUndo && e.Status == StatusDone {
			undone[e.Undoes] = true
		}
	}
	var last, undoUnanswered *Entry
	after := false
	for i, e := range entries {
		if e.ID == x.ID {
			after = true
		}
		if e.Tenant != x.Tenant || !sameTarget(e, x) {
			continue
		}
		if after && e.ID != x.ID && e.Action != ActionUndo && mayStand(e) && !undone[e.ID] && !told[e.ID] {
			return leftState{later: &entries[i]}
		}
		if after && e.Action == ActionUndo && e.Undoes == x.ID && e.Status != StatusDone && mayStand(e) {
			undoUnanswered = &entries[i]
		}
		if e.Status == StatusDone {
			last = &entries[i]
		}
	}
	var s leftState
	switch {
	case last == nil:
		return leftState{}
	case last.Action == ActionRemove:
		s = leftState{known: true, none: true}
	case last.Action == ActionUndo && byID[last.Undoes].ID != "" && byID[last.Undoes].Backup == "":
		s = leftState{known: true, none: true}
	default:
		s = leftState{known: last.NewETag != "", etag: last.NewETag}
	}
	s.undoUnanswered = undoUnanswered
	return s
}

// differs reports a photo now (current, nil for none) that is not the one
// the log says is there; an unknown state never differs.
func (s leftState) differs(current *graphapi.Photo) bool {
	switch {
	case s.later != nil:
		return true
	case !s.known:
		return false
	case s.none:
		return current != nil
	}
	return current == nil || !graphapi.SameETag(current.ETag, s.etag)
}

// sameTarget reports two logged changes of the same photo. A user may be
// logged by object id or by UPN (the command line keeps what it was
// given when no lookup found the id, and older logs kept it always), so
// either matches either, without case, as Entra ID compares them. The
// account's own photo, logged by older versions as "me" with no id or by
// the account's own sign-in name, is the account's object id.
func sameTarget(a, b Entry) bool {
	ta, tb := a.Target, b.Target
	userKind := func(k string) bool { return k == "me" || k == "user" }
	switch {
	case ta.Kind != tb.Kind && !(userKind(ta.Kind) && userKind(tb.Kind)):
		return false
	case !strings.EqualFold(ta.Owner, tb.Owner) || ta.Folder != tb.Folder:
		return false
	}
	for _, x := range targetNames(a) {
		for _, y := range targetNames(b) {
			if x != "" && strings.EqualFold(x, y) {
				return true
			}
		}
	}
	return false
}

// targetNames are the names change e's target goes by in the log: its id
// and UPN, and the id of the account that made the change when the
// target is that account's own photo.
func targetNames(e Entry) []string {
	t := e.Target
	names := []string{t.ID, t.UPN}
	own := t.Kind == "me" && t.ID == "" ||
		t.Kind == "user" && e.By != "" && (strings.EqualFold(t.ID, e.By) || strings.EqualFold(t.UPN, e.By))
	if own {
		names = append(names, e.Account)
	}
	return names
}

// ChangedSinceError is ErrChangedSince with how the photo changed, so the
// person is asked about what is really there.
type ChangedSinceError struct {
	Removed bool   // there is no photo now
	Later   *Entry // the later change in the log, when it is one
	// UndoUnanswered is an earlier undo of the same change that got no
	// answer: it may have gone through, so "changed outside Photo Desk"
	// would blame someone else for Photo Desk's own undo.
	UndoUnanswered *Entry
}

func (e *ChangedSinceError) Error() string {
	switch {
	case e.Later != nil:
		return fmt.Sprintf("the photo was changed again after that change (%s, by %s): undoing it would overwrite that, so nothing was undone", e.Later.Describe(), orSomeone(e.Later.By))
	case e.UndoUnanswered != nil:
		return fmt.Sprintf("the photo is no longer the one that change left, and an undo of it (%s) got no answer: "+
			"it may have gone through, and the change be undone already, or the photo was changed since by someone else; "+
			"undoing it again would overwrite what is there, so nothing was undone",
			e.UndoUnanswered.Time.Local().Format("2006-01-02 15:04"))
	case e.Removed:
		return "the photo was removed after that change (outside Photo Desk, or by someone else): undoing it would put a photo back, so nothing was undone"
	}
	return "the photo was changed again after that change (outside Photo Desk, or by someone else): undoing it would overwrite the newer photo, so nothing was undone"
}

// Is makes errors.Is(err, ErrChangedSince) hold.
func (e *ChangedSinceError) Is(target error) bool { return target == ErrChangedSince }

func orSomeone(by string) string {
	if by == "" {
		return "another account"
	}
	return by
}

// Question asks whether to undo change x all the same, in words for what
// is there now.
func (e *ChangedSinceError) Question(x Entry) string {
	if e.Removed {
		return app.Sentence(e.Error()) + " Undo " + x.Describe() + " all the same, putting the photo from before it back?"
	}
	return app.Sentence(e.Error()) + " Undo " + x.Describe() + " all the same? The photo there now is backed up first."
}
