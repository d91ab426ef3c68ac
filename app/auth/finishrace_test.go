package auth

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// gatedStore is a token store whose next read, once armed, waits for
// release: the keyring's unlock prompt. entered closes as it starts
// waiting.
type gatedStore struct {
	MemoryStore
	armed            atomic.Bool
	entered, release chan struct{}
}

func newGatedStore() *gatedStore {
	return &gatedStore{entered: make(chan struct{}), release: make(chan struct{})}
}

func (g *gatedStore) Load(ctx context.Context) ([]byte, error) {
	if g.armed.CompareAndSwap(true, false) {
		close(g.entered)
		<-g.release
	}
	return g.MemoryStore.Load(ctx)
}

// waitBlocked waits until a goroutine running fn is parked on a
// sync.RWMutex (a lock, a read lock), failing the test after a guard.
func waitBlocked(t *testing.T, fn string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second) // a guard against hanging, not a timing
	for time.Now().Before(deadline) {
		buf := make([]byte, 1<<20)
		for g := range strings.SplitSeq(string(buf[:runtime.Stack(buf, true)]), "\n\n") {
			if strings.Contains(g, fn) && strings.Contains(g, "sync.(*RWMutex).") && strings.Contains(g, "runtime_SemacquireRWMutex") {
				return
			}
		}
		runtime.Gosched()
	}
	t.Fatalf("no goroutine in %s waits on a lock", fn)
}

// A person who signs an account in while the sign-out of it handed over
// by a reconnect is being finished keeps the sign-in: the sign-in's
// tokens used to land between finishDeferred's look at whether the
// sign-out was still to finish and its removal of the account, which
// removed the new tokens, and the account was current with none.
func TestSignInWhileAHandedOverSignOutIsFinishedKeepsItsTokens(t *testing.T) {
	sb := startSandbox(t, nil)
	ctx := testContext(t)
	store := newGatedStore()
	closed := sb.newSession(t, store)
	demo := signInDevice(t, closed)
	closed.SigningOut(demo.ID) // waiting on the keyring as Settings re-open the connection
	s := sb.newSession(t, store)
	s.DeferSignOuts(ctx, closed.UnfinishedSignOuts())

	s.cache.rereadNext() // finishing it reads the keyring, which prompts
	store.armed.Store(true)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		s.FinishSignOuts(ctx)
	}()
	<-store.entered
	signedIn := make(chan error, 1)
	go func() {
		_, err := s.SignInDeviceCode(ctx, func(string, string, string) {})
		signedIn <- err
	}()
	waitBlocked(t, "auth.(*Session).SignInDeviceCode")
	close(store.release) // the person answers the prompt
	<-finished
	if err := <-signedIn; err != nil {
		t.Fatal(err)
	}

	if got := mustAccounts(t, s); !slices.ContainsFunc(got, func(a Account) bool { return a.ID == demo.ID }) {
		t.Errorf("after signing in the session lists %v, want %s", names(got), demo.Username)
	}
	if _, err := s.TokenFor(ctx, demo.ID); err != nil {
		t.Errorf("no token for the account just signed in: %v", err)
	}
	if got := mustAccounts(t, sb.newSession(t, &store.MemoryStore)); len(got) != 1 || got[0].ID != demo.ID {
		t.Errorf("the keyring holds %v, want %s", names(got), demo.Username)
	}
}
