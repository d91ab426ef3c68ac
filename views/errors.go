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
// and logs the original for developers.
func friendly(err error) string {
	if errors.Is(err, context.Canceled) {
		return "Cancelled."
	}
	fyne.LogError("photodesk", err)
	if errors.Is(err, auth.ErrSignInRequired) {
		return session.SignInAgain
	}
	return app.Friendly(err)
}
