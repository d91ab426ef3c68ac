package views

import (
	"context"
	"errors"
)

// because is " because " and why an account's work ended, cause being
// its context's cause — its Conn's, in a person's words ("you chose
// another account") — or "" for a context ended without one: Go's
// "context canceled" is no reason anybody can act on, and the sentence
// reads as well without it.
func because(cause error) string {
	if cause == nil || errors.Is(cause, context.Canceled) {
		return ""
	}
	return " because " + cause.Error()
}
