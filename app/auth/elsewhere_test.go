package auth

import (
	"errors"
	"testing"
)

// Two processes share the keyring (the window and the command line, or a
// second window): an account one signs out is at once no longer listed
// by the other, nor can it be switched to there (ErrNoSuchAccount), even
// within the minute a process otherwise trusts its copy of the keyring.
// The window's Account menu used to offer it, and choosing it switched
// to tokens that were to be gone.
func TestAccountSignedOutElsewhereIsNotOffered(t *testing.T) {
	sb := startSandbox(t, nil)
	store := sharedEntry()
	ctx := testContext(t)
	window := sb.newSession(t, store())
	demo, adele := sb.signInTwo(t, window)
	if err := window.SwitchAccount(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	if got := mustAccounts(t, window); len(got) != 2 {
		t.Fatalf("the window lists %+v, want demo and Adele", got)
	}

	elsewhere := sb.newSession(t, store())
	if err := elsewhere.SignOut(ctx, adele.ID); err != nil {
		t.Fatal(err)
	}
	if got := mustAccounts(t, window); len(got) != 1 || got[0].ID != demo.ID {
		t.Errorf("after Adele was signed out elsewhere the window lists %+v, want the demo account only", got)
	}
	if err := window.SwitchAccount(ctx, adele.ID); !errors.Is(err, ErrNoSuchAccount) {
		t.Errorf("switching to the account signed out elsewhere: %v, want ErrNoSuchAccount", err)
	}
	if cur, _ := window.Current(); cur.ID != demo.ID {
		t.Errorf("current = %+v, want the demo account still", cur)
	}
}
