package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/photodesk/photodesk/app/auth/keyringcache"
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

// heldKeyring is the tests' fake keyring whose next write, once armed,
// waits for release: a locked keyring's unlock prompt, which go-keyring
// cannot call back. entered closes as the write starts waiting; release
// is closed when the test ends, so nothing is left waiting. A write while
// none is armed waits on the prompt hold made, if any.
type heldKeyring struct {
	*fakeKeyring
	armed            atomic.Bool
	entered, release chan struct{}
	once             sync.Once
	next             atomic.Pointer[prompt]
}

// prompt is one more unlock prompt a write waits on (heldKeyring.hold),
// beside the armed one: entered closes as the write starts waiting; the
// person answers it (the write lands) or dismisses it (the write fails).
type prompt struct {
	entered  chan struct{}
	answered chan error
	once     sync.Once
	// index: only the write of the entry's index waits, the call that
	// puts a new cache in place (its chunks are written before it).
	index bool
	// value is what the waiting write would put in its entry, set as
	// entered closes.
	value string
}

// hold makes the next write that is not the armed one wait on a prompt
// of its own; it is dismissed when the test ends, if still open.
func (k *heldKeyring) hold(t *testing.T) *prompt {
	p := &prompt{entered: make(chan struct{}), answered: make(chan error, 1)}
	k.next.Store(p)
	t.Cleanup(p.dismiss)
	return p
}

// dismiss is the person dismissing the prompt.
func (p *prompt) dismiss() {
	p.once.Do(func() { p.answered <- errors.New("the unlock prompt was dismissed") })
}

func newHeldKeyring(t *testing.T) *heldKeyring {
	k := &heldKeyring{fakeKeyring: newFakeKeyring(), entered: make(chan struct{}), release: make(chan struct{})}
	t.Cleanup(k.answer)
	return k
}

// answer is the person answering the prompt.
func (k *heldKeyring) answer() { k.once.Do(func() { close(k.release) }) }

func (k *heldKeyring) Set(service, user, pass string) error {
	if k.armed.CompareAndSwap(true, false) {
		close(k.entered)
		<-k.release
	} else if p := k.next.Load(); p != nil && (!p.index || user == "tokens") && k.next.CompareAndSwap(p, nil) {
		p.value = pass
		close(p.entered)
		if err := <-p.answered; err != nil {
			return err
		}
	}
	return k.fakeKeyring.Set(service, user, pass)
}

// store is a session's token store on the keyring entry, as each
// connection opens its own.
func (k *heldKeyring) store() CacheStore {
	return keyringcache.New("Photo Desk test", "tokens", keyringcache.WithBackend(k))
}

// refreshOnPrompt starts a token refresh of account id on s whose
// write-back waits on kr's unlock prompt (kr is armed for it), then closes
// s, as Settings re-open the connection meanwhile: refreshed hears the
// refresh once the prompt is answered, ended the end of s's keyring calls.
func refreshOnPrompt(ctx context.Context, kr *heldKeyring, s *Session, id string) (refreshed <-chan error, ended <-chan struct{}) {
	kr.armed.Store(true)
	done := make(chan error, 1)
	go func() { done <- s.EnsureScopesFor(ctx, id, "Group.Read.All") }()
	<-kr.entered
	return done, s.Close()
}

// reconnect opens the session that replaces closed on store, as Settings
// re-opening the connection does (app/session's Connect): it takes over
// closed's unfinished sign-outs, then what closed kept from a late write,
// all of them this keyring entry's.
func (sb *sandbox) reconnect(t *testing.T, ctx context.Context, store CacheStore, closed *Session, opts ...Option) *Session {
	t.Helper()
	s := sb.newSession(t, store, opts...)
	if others := s.DeferSignOuts(ctx, closed.UnfinishedSignOuts()); len(others) != 0 {
		t.Fatalf("%d sign-outs handed back as another keyring entry's", len(others))
	}
	if others := s.KeepAccounts(ctx, closed.KeptAccounts()); len(others) != 0 {
		t.Fatalf("%d kept accounts handed back as another keyring entry's", len(others))
	}
	return s
}

// lateRefresh is where the tests of what a connection keeps from a late
// write start: the demo account signed in on first, whose token
// refresh's write-back waits on kr's unlock prompt (refreshOnPrompt) as
// Settings re-open the connection, and second, the connection that
// replaced it (reconnect), both with opts.
type lateRefresh struct {
	sb            *sandbox
	ctx           context.Context
	kr            *heldKeyring
	demo          Account
	first, second *Session
	refreshed     <-chan error
	firstEnded    <-chan struct{}
}

// startLateRefresh starts a sandbox and sets up a lateRefresh on it.
func startLateRefresh(t *testing.T, opts ...Option) *lateRefresh {
	t.Helper()
	l := &lateRefresh{sb: startSandbox(t, nil), ctx: testContext(t), kr: newHeldKeyring(t)}
	l.first = l.sb.newSession(t, l.kr.store(), opts...)
	l.demo = signInDevice(t, l.first)
	l.refreshed, l.firstEnded = refreshOnPrompt(l.ctx, l.kr, l.first, l.demo.ID)
	l.second = l.sb.reconnect(t, l.ctx, l.kr.store(), l.first, opts...)
	return l
}

// land answers the prompt: the first connection's refresh lands, with
// the demo account alone, and its keyring calls end.
func (l *lateRefresh) land(t *testing.T) {
	t.Helper()
	l.kr.answer()
	if err := <-l.refreshed; err != nil {
		t.Fatal(err)
	}
	<-l.firstEnded
}

// signInAdele signs Adele in on s, interactively.
func (sb *sandbox) signInAdele(t *testing.T, ctx context.Context, s *Session) Account {
	t.Helper()
	adele, err := s.SignInInteractive(ctx, sb.browser(ctx), WithLoginHint(adeleAccount.UPN))
	if err != nil {
		t.Fatal(err)
	}
	return adele
}

// A token refresh's write-back waiting on the keyring's unlock prompt as
// Settings re-open the connection lands once the prompt is answered, with
// the closed session's copy of the cache: an account signed out on the new
// session meanwhile was back in the keyring, its token refreshed, and
// listed again. The closed session's keyring calls now end only with that
// write (Close), and the new session keeps the account out of the keyring
// until they have.
func TestLateRefreshOfAClosedSessionDoesNotBringBackAnAccountSignedOutSince(t *testing.T) {
	sb := startSandbox(t, nil)
	ctx := testContext(t)
	kr := newHeldKeyring(t)
	closed := sb.newSession(t, kr.store())
	demo, adele := sb.signInTwo(t, closed)

	refreshed, ended := refreshOnPrompt(ctx, kr, closed, demo.ID)
	s := sb.reconnect(t, ctx, kr.store(), closed)
	if err := s.SignOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ended:
		t.Fatal("the closed session's keyring calls ended while its refresh's write waits on the prompt")
	default:
	}
	kr.answer()
	if err := <-refreshed; err != nil {
		t.Fatal(err)
	}
	<-ended
	s.FinishSignOuts(ctx)
	if got := names(mustAccounts(t, s)); !slices.Equal(got, []string{adele.Username}) {
		t.Errorf("the session lists %v, want %s alone", got, adele.Username)
	}
	if got := names(mustAccounts(t, sb.newSession(t, kr.store()))); !slices.Equal(got, []string{adele.Username}) {
		t.Errorf("the keyring holds %v, want %s alone", got, adele.Username)
	}
}

// Settings re-opened twice before a sign-out of the first connection's
// lands: what the second signed in and out while it kept them from that
// late write is kept by the third, which the write reaches. It was lost:
// the account signed out there came back, the one signed in went.
func TestWhatIsKeptFromALateWriteIsHandedOnByTheNextReconnect(t *testing.T) {
	sb := startSandbox(t, nil)
	ctx := testContext(t)
	kr := newHeldKeyring(t)
	first := sb.newSession(t, kr.store())
	demo, adele := sb.signInTwo(t, first)
	kr.armed.Store(true)
	signedOut := make(chan error, 1)
	go func() { signedOut <- first.SignOut(ctx, demo.ID) }()
	<-kr.entered // its write waits on the prompt as Settings re-open the connection
	firstEnded := first.Close()

	second := sb.reconnect(t, ctx, kr.store(), first)
	if err := second.SignOut(ctx, adele.ID); err != nil {
		t.Fatal(err)
	}
	signInDevice(t, second) // the demo account again
	secondEnded := second.Close()
	third := sb.reconnect(t, ctx, kr.store(), second)
	kr.answer() // the first connection's sign-out lands: Adele, not the demo account
	<-signedOut
	<-firstEnded
	<-secondEnded
	if got := names(mustAccounts(t, third)); !slices.Equal(got, []string{demo.Username}) {
		t.Errorf("before the hand-over is finished the session lists %v, want %s alone", got, demo.Username)
	}
	third.FinishSignOuts(ctx)
	if got := names(mustAccounts(t, third)); !slices.Equal(got, []string{demo.Username}) {
		t.Errorf("the session lists %v, want %s alone", got, demo.Username)
	}
	if got := names(mustAccounts(t, sb.newSession(t, kr.store()))); !slices.Equal(got, []string{demo.Username}) {
		t.Errorf("the keyring holds %v, want %s alone", got, demo.Username)
	}
}

// A connection that could not read the keyring (its unlock prompt
// dismissed: memory-only) when Settings re-opened it, with a closed
// one's write still waiting, cannot put the keyring right once that
// write lands; it used to stop keeping what the connection before it
// kept all the same, so the next connection with a working keyring
// listed the account signed out two connections ago again, and kept it
// in the keyring. It hands it on now, as it hands on sign-outs it could
// not finish.
func TestWhatIsKeptIsHandedOnByAConnectionThatCouldNotReadTheKeyring(t *testing.T) {
	sb := startSandbox(t, nil)
	ctx := testContext(t)
	kr := newHeldKeyring(t)
	first := sb.newSession(t, kr.store())
	demo, adele := sb.signInTwo(t, first)
	refreshed, firstEnded := refreshOnPrompt(ctx, kr, first, demo.ID)

	second := sb.reconnect(t, ctx, kr.store(), first)
	if err := second.SignOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	secondEnded := second.Close()

	dismissed := fmt.Errorf("%w: get %q: the unlock prompt was dismissed", keyringcache.ErrUnavailable, "tokens")
	third := sb.reconnect(t, ctx, failingStore{dismissed}, second)
	kr.answer() // the first connection's refresh lands: the demo account is back
	if err := <-refreshed; err != nil {
		t.Fatal(err)
	}
	<-firstEnded
	<-secondEnded
	third.FinishSignOuts(ctx)
	<-third.Close()

	fourth := sb.reconnect(t, ctx, kr.store(), third)
	if got := names(mustAccounts(t, fourth)); !slices.Equal(got, []string{adele.Username}) {
		t.Errorf("before the hand-over is finished the fourth connection lists %v, want %s alone", got, adele.Username)
	}
	fourth.FinishSignOuts(ctx)
	if got := names(mustAccounts(t, sb.newSession(t, kr.store()))); !slices.Equal(got, []string{adele.Username}) {
		t.Errorf("the keyring holds %v, want %s alone", got, adele.Username)
	}
}

// A sign-in that Settings stopped while its write waits on the keyring's
// unlock prompt, on a connection that itself kept what it signed in from
// a late write of the one before, is not kept by the next connection: it
// used to be handed on as signed in there (KeptAccounts), so the next
// connection listed the account at once and wrote it to the keyring even
// though the prompt was dismissed and the sign-in never landed. A
// stopped sign-in's outcome is never applied to the new connection.
func TestSignInStoppedOnTheKeyringIsNotKeptByTheNextConnection(t *testing.T) {
	l := startLateRefresh(t)
	sb, ctx, kr, demo, second := l.sb, l.ctx, l.kr, l.demo, l.second
	signIn, stop := context.WithCancel(ctx)
	defer stop()
	p := kr.hold(t)
	signedIn := make(chan error, 1)
	go func() {
		_, err := second.SignInInteractive(signIn, sb.browser(ctx), WithLoginHint(adeleAccount.UPN))
		signedIn <- err
	}()
	<-p.entered // Adele's tokens wait on a second prompt as Settings re-open the connection again
	stop()      // the reconnect stops the sign-in
	secondEnded := second.Close()
	third := sb.reconnect(t, ctx, kr.store(), second)
	if got := names(mustAccounts(t, third)); !slices.Equal(got, []string{demo.Username}) {
		t.Errorf("while the stopped sign-in waits on the prompt the next connection lists %v, want %s alone", got, demo.Username)
	}

	p.dismiss()
	if err := <-signedIn; err == nil {
		t.Error("the stopped sign-in succeeded though its write was refused")
	}
	<-secondEnded
	l.land(t) // the first connection's refresh lands
	third.FinishSignOuts(ctx)
	if got := names(mustAccounts(t, third)); !slices.Equal(got, []string{demo.Username}) {
		t.Errorf("the connection lists %v, want %s alone", got, demo.Username)
	}
	if got := names(mustAccounts(t, sb.newSession(t, kr.store()))); !slices.Equal(got, []string{demo.Username}) {
		t.Errorf("the keyring holds %v, want %s alone", got, demo.Username)
	}
}

// When what the connection before kept from a late write moves the
// current account (KeepAccounts: its current account was signed out
// there), the note of it for the command line follows once the keyring
// is written again, as after a sign-out handed over: with no sign-out
// to finish, FinishSignOuts returned early and the note named the
// account the window no longer showed, for the command line to act as.
func TestCurrentAccountMovedByWhatIsKeptIsNotedForTheCommandLine(t *testing.T) {
	note := &MemoryStore{}
	l := startLateRefresh(t, WithRememberCurrent(note))
	sb, ctx, kr, second := l.sb, l.ctx, l.kr, l.second
	adele := sb.signInAdele(t, ctx, second)
	if err := second.SignOut(ctx, l.demo.ID); err != nil {
		t.Fatal(err)
	}
	secondEnded := second.Close()
	l.land(t) // the first connection's refresh lands: the demo account alone

	third := sb.reconnect(t, ctx, kr.store(), second, WithRememberCurrent(note)) // reads the demo account alone, and notes it
	if now, _ := third.Current(); now.ID != adele.ID {
		t.Fatalf("the connection's current account is %q, want %s", now.Username, adele.Username)
	}
	<-secondEnded
	if third.FinishSignOuts(ctx) {
		t.Error("FinishSignOuts found a sign-out to finish")
	}
	if id, name := RememberedAccount(ctx, note); id != adele.ID {
		t.Errorf("the note for the command line names %q, want %s, the window's current account", name, adele.Username)
	}
}
