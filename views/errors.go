package views

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
)

// friendly words an error for a person (app.Friendly knows Graph's cases:
// throttling, missing permissions, personal and app-only limits, offline)
// and logs the original for developers. Both may carry a server's words,
// so both go through app.Sanitize: no control characters in a label, no
// echoed token in a dialog or the log.
func friendly(err error) string { return friendlyFor(err, false) }

// friendlyFor is friendly in a window whose session is an application's
// (appOnly): Graph's known 403 on group photos is worded for the
// application (app.FriendlyForApp), without the advice for a signed-in
// user that app.Friendly must add, not knowing who asked.
func friendlyFor(err error, appOnly bool) string {
	if errors.Is(err, context.Canceled) {
		return "Cancelled."
	}
	logError("photodesk", err)
	if words, ok := app.SignInTrouble(err); ok {
		// A token MSAL could not refresh for want of the sign-in
		// service: signing in again cannot help, and the account stays.
		return app.Sanitize(words)
	}
	switch {
	case errors.Is(err, auth.ErrSignInRequired):
		return session.SignInAgain
	case appOnly:
		return app.Sanitize(app.FriendlyForApp(err))
	}
	return app.Sanitize(app.Friendly(err))
}

// logError logs err for developers under what, through app.Sanitize: an
// error may carry a server's words (control characters, an echoed token),
// and none of those may reach a log.
func logError(what string, err error) {
	fyne.LogError(what, errors.New(app.Sanitize(err.Error())))
}
