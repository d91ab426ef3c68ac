package startup

import (
	"errors"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/auth/keyringcache"
)

// lockedKeyring is a keyring whose collection stays locked: every call
// would show the desktop's unlock prompt, and the person dismissed it
// (go-keyring's words). It counts the calls, i.e. the prompts.
type lockedKeyring struct {
	mu    sync.Mutex
	calls []string
}

var errLocked = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/collection/login'")

func (k *lockedKeyring) call(op, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls = append(k.calls, op+" "+user)
	return errLocked
}

func (k *lockedKeyring) Get(_, user string) (string, error) { return "", k.call("get", user) }
func (k *lockedKeyring) Set(_, user, _ string) error        { return k.call("set", user) }
func (k *lockedKeyring) Delete(_, user string) error        { return k.call("delete", user) }

// A locked keyring whose unlock prompt the person dismissed is asked once
// per run, not once for the tokens and again for every note of the
// window's current account (they dismissed four prompts in a row before
// the window opened): a keyring that could not be read is not written
// that run, the note of who is current included.
func TestLockedKeyringIsAskedOnce(t *testing.T) {
	ctx := testContext(t)
	kr := &lockedKeyring{}
	env, err := Open(ctx, Options{
		Cloud:        auth.Cloud{Kind: auth.Sandbox},
		Store:        keyringcache.New(auth.KeyringService, "tokens:test", keyringcache.WithBackend(kr)),
		CurrentStore: keyringcache.New(auth.KeyringService, "current:test", keyringcache.WithBackend(kr)),
		Window:       true,
	})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { env.Close() })
	if !env.SignedIn() {
		t.Fatal("not signed in: a locked keyring must not stop the sign-in")
	}
	if p := env.Session.Persistence(); p.Keyring || !p.Unread {
		t.Errorf("persistence = %+v, want memory only, keyring unread", p)
	}
	demo, _ := env.Session.Current()
	if _, err := env.Session.SignInInteractive(ctx, env.signInPage(ctx), auth.WithLoginHint("frontdesk@contoso.onmicrosoft.com")); err != nil {
		t.Fatalf("add another account: %v", err)
	}
	if err := env.Session.SwitchAccount(ctx, demo.ID); err != nil {
		t.Fatalf("switch: %v", err)
	}
	kr.mu.Lock()
	defer kr.mu.Unlock()
	if len(kr.calls) != 1 {
		t.Errorf("the locked keyring was asked %d times (%q), want once", len(kr.calls), kr.calls)
	}
}
