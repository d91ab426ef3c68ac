package startup

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
)

// prefsMap is app.Preferences in a map, as Settings would have saved them.
type prefsMap map[string]string

func (p prefsMap) String(key string) string            { return p[key] }
func (p prefsMap) SetString(key, value string)         { p[key] = value }
func (p prefsMap) Float(string) float64                { return 0 }
func (p prefsMap) SetFloat(string, float64)            {}
func (p prefsMap) Bool(key string) bool                { return p[key] == "true" }
func (p prefsMap) SetBool(string, bool)                {}
func (p prefsMap) Int(string) int                      { return 0 }
func (p prefsMap) SetInt(string, int)                  {}
func (p prefsMap) preferences() func() app.Preferences { return func() app.Preferences { return p } }

// TestSignedInSaysTheKeyringCouldNotBeRead: on a Microsoft 365 tenant,
// with no session bus (or a locked keyring), the command line cannot know
// whether anyone is signed in; it must say the keyring could not be read,
// and why, not send the person to sign in again.
func TestSignedInSaysTheKeyringCouldNotBeRead(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux's keyring is reached over a session bus that can be taken away")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
	prefs := prefsMap{
		app.PrefCloud:    app.CloudM365,
		app.PrefTenant:   "contoso.onmicrosoft.com",
		app.PrefClientID: "7d6b5e3a-4c1f-4b8e-9f2a-1c0d5e6f7a8b",
	}
	_, _, closeEnv, err := SignedIn(testContext(t), prefs.preferences(), "")
	if err == nil {
		closeEnv()
		t.Fatal("SignedIn found an account in a keyring it cannot reach")
	}
	if errors.Is(err, ErrNotSignedIn) || !errors.Is(err, ErrKeyringUnread) {
		t.Fatalf("SignedIn = %v, want ErrKeyringUnread", err)
	}
	for _, want := range []string{"keyring could not be read", "dbus", "unlock the keyring"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "tokens:") {
		t.Errorf("%q names the keyring entry", err)
	}
}
