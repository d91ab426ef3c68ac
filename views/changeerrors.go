package views

import (
	"errors"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/photoedit"
)

// pictureProblem words why a picture cannot become a photo.
func pictureProblem(err error) string {
	switch {
	case errors.Is(err, errNoImageClipboard), errors.Is(err, errNoImageOnClipboard):
		return app.Sentence(err.Error())
	case errors.Is(err, photoedit.ErrUnsupportedFormat), errors.Is(err, photoedit.ErrTooSmall),
		errors.Is(err, photoedit.ErrTooLarge), errors.Is(err, photoedit.ErrNotAnImage), errors.Is(err, photoedit.ErrDamaged):
		return app.Sentence(err.Error())
	}
	logError("open a picture", err)
	return friendly(err)
}

// changeProblem words why a change to p's photo did not happen, for a
// person signed in or, appOnly, an application session, and logs the error
// for developers.
func changeProblem(err error, p app.Person, appOnly bool) string {
	logError("change a photo", err)
	if appOnly {
		return app.Sanitize(change.ExplainForApp(err, p))
	}
	return app.Sanitize(change.Explain(err, p)) // it quotes Graph's message
}

// changeTitles are the titles of the dialogs that say how a change of one
// kind ended without its usual word.
type changeTitles struct {
	notDone   string // it did not happen
	notLogged string // it happened, but the change log could not record it
}

// changeTitlesOf is the titles for a change of kind action: each says
// what did not happen for its own action — an undo whose look at the
// photo failed was titled "The photo was not changed".
func changeTitlesOf(action string) changeTitles {
	switch action {
	case change.ActionRemove:
		return changeTitles{"The photo was not removed", "Photo removed, but not logged"}
	case change.ActionUndo:
		return changeTitles{"Nothing was undone", "Change undone, but not logged"}
	}
	return changeTitles{"The photo was not changed", "Photo changed, but not logged"}
}
