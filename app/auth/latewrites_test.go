package auth

import (
	"slices"
	"testing"
)

// names are the usernames of accounts.
func names(accts []Account) []string {
	out := make([]string, len(accts))
	for i, a := range accts {
		out[i] = a.Username
	}
	slices.Sort(out)
	return out
}

// A closed session's keyring write that lands after the session opened in
// its place signed someone in (go-keyring cannot call back a call waiting
// on the unlock prompt) does not take that account away: not when the
// session reads the keyring before the closed session's calls have
// ended (it read the account as signed out elsewhere), nor when it
// finishes the sign-out handed over afterwards, which writes the account
// back. Once that is done, a sign-out elsewhere is honoured again.
func TestLateWriteOfAClosedSessionKeepsWhatWasSignedInSince(t *testing.T) {
	sb := startSandbox(t, nil)
	ctx := testContext(t)
	store := &MemoryStore{}
	closed := sb.newSession(t, store)
	demo := signInDevice(t, closed)
	closed.SigningOut(demo.ID) // waiting on the keyring's unlock prompt as Settings re-open the connection
	handed := closed.UnfinishedSignOuts()

	s := sb.newSession(t, store)
	if others := s.DeferSignOuts(ctx, handed); len(others) != 0 {
		t.Fatalf("handed back %+v", others)
	}
	adele, err := s.SignInInteractive(ctx, sb.browser(ctx), WithLoginHint(adeleAccount.UPN))
	if err != nil {
		t.Fatal(err)
	}
	// The person answers the prompt: the closed session's sign-out of its
	// only account lands, an empty keyring.
	if err := store.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	if got := names(mustAccounts(t, s)); !slices.Equal(got, []string{adele.Username}) {
		t.Errorf("before the hand-over is finished the session lists %v, want %s alone", got, adele.Username)
	}
	if !s.FinishSignOuts(ctx) {
		t.Error("FinishSignOuts found no sign-out to finish")
	}
	if got := names(mustAccounts(t, sb.newSession(t, store))); !slices.Equal(got, []string{adele.Username}) {
		t.Errorf("the keyring holds %v, want %s alone", got, adele.Username)
	}

	elsewhere := sb.newSession(t, store)
	if err := elsewhere.SignOut(ctx, adele.ID); err != nil {
		t.Fatal(err)
	}
	if got := mustAccounts(t, s); len(got) != 0 {
		t.Errorf("after a sign-out elsewhere the session lists %v", names(got))
	}
}
