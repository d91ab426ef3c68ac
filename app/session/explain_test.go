package session

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/auth/keyringcache"
)

// msalError is how MSAL for Go reports Entra ID's refusals: the token
// endpoint's JSON inside "http call(...) error: reply status code was 400".
func msalError(code, name, desc string) error {
	body := fmt.Sprintf(`{"error":%q,"error_description":"AADSTS%s: %s\r\nTrace ID: 0f1e\r\nCorrelation ID: 9a8b\r\nTimestamp: 2026-01-02 10:00:00Z","error_codes":[%s]}`,
		name, code, desc, code)
	return fmt.Errorf("auth: device code sign-in: %w",
		fmt.Errorf("http call(https://login.microsoftonline.com/contoso.com/oauth2/v2.0/devicecode)(POST) error: reply status code was 400:\n%s", body))
}

func TestSignInFriendly(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want []string // all must appear
		not  []string // none may appear
	}{
		{"cancel", fmt.Errorf("auth: interactive sign-in: %w", context.Canceled), []string{"Sign-in cancelled."}, nil},
		{"silent refresh impossible", fmt.Errorf("auth: %w: nobody is signed in", auth.ErrSignInRequired), []string{"Sign in again", "Account > Add another account"}, []string{"auth:"}},
		{
			"public client flows off", msalError("7000218", "invalid_client", "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
			[]string{"Allow public client flows", "AADSTS7000218"},
			[]string{"http call", "Trace ID"},
		},
		{
			"unknown client id", msalError("700016", "unauthorized_client", "Application with identifier 'x' was not found in the directory 'contoso.com'."),
			[]string{"client ID in Settings", "AADSTS700016"},
			nil,
		},
		{
			"a code without advice keeps Entra's first sentence", msalError("50126", "invalid_grant", "Error validating credentials due to invalid username or password."),
			[]string{"Microsoft's sign-in service refused: AADSTS50126: Error validating credentials"},
			[]string{"Trace ID", "Correlation"},
		},
		{
			"validation words lose the package prefix", fmt.Errorf("auth: %w", errors.New("tenant: enter the directory (tenant) ID")),
			[]string{"Tenant: enter the directory (tenant) ID."},
			[]string{"auth:"},
		},
		{
			"the package prefix goes wherever it is", fmt.Errorf("sign in as the application: %w", errors.New("auth: read certificate: open /x.pem: no such file or directory")),
			[]string{"Sign in as the application: read certificate: open /x.pem"},
			[]string{"auth:"},
		},
		{"declined in the browser", errDeclined, []string{"declined"}, []string{"play browser"}},
		{
			"a sign-out to finish of an account signed in", fmt.Errorf("auth: sign out: %w", auth.ErrStillSignedIn),
			[]string{"That account is signed in", "Sign out…"},
			[]string{"auth:"},
		},
		{
			"an account signed out elsewhere, without its id", fmt.Errorf("auth: %w: %q", auth.ErrNoSuchAccount, "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d.4a2f6c1e-8b3d-4e5f-9a1b-2c3d4e5f6a7b"),
			[]string{"signed out elsewhere"},
			[]string{"9b8a7c6d", "no such signed-in account"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Explain(tt.err)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Explain = %q, want %q in it", got, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("Explain = %q, must not contain %q", got, n)
				}
			}
		})
	}
}

// errDeclined is how a sign-in page declined in the browser comes back.
var errDeclined = errors.New(`play browser: sign-in failed: access_denied: AADSTS65004: User declined to consent to access the app`)

// The no-keyring notice names the keyring once — the reason names it
// too, and it read "the system keyring is not available (the keyring
// cannot be read)" — and, on the sandbox, does not tell a person to sign
// in again: its demo account signs itself in at every start.
func TestKeyringNoticeWords(t *testing.T) {
	if got := KeyringNotice(auth.Persistence{Keyring: true}, false); got != "" {
		t.Errorf("notice with a keyring = %q", got)
	}
	unread := auth.Persistence{Reason: "the keyring cannot be read"}
	got := KeyringNotice(unread, false)
	want := "Sign-ins are not remembered after Photo Desk quits: the system keyring cannot be read, so you sign in again next time."
	if got != want {
		t.Errorf("notice = %q, want %q", got, want)
	}
	got = KeyringNotice(unread, true)
	want = "Sign-ins are not remembered after Photo Desk quits: the system keyring cannot be read. " +
		"The sandbox signs its demo account in again by itself at every start."
	if got != want {
		t.Errorf("sandbox notice = %q, want %q", got, want)
	}
	if got := KeyringNotice(auth.Persistence{Reason: "no keyring configured"}, false); !strings.Contains(got, "the system keyring is not available (no keyring configured)") {
		t.Errorf("notice without a keyring = %q", got)
	}
}

// lockedBackend is a keyring whose unlock prompt was dismissed, as
// go-keyring reports it.
type lockedBackend struct{}

func (lockedBackend) Get(string, string) (string, error) { return "", errLocked }
func (lockedBackend) Set(string, string, string) error   { return errLocked }
func (lockedBackend) Delete(string, string) error        { return errLocked }

var errLocked = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")

// TestKeyringFailuresInAPersonsWords: a sign-out the locked keyring could
// not record says it took effect for this session and what to do, and no
// keyring failure shows the entry's name, D-Bus words or "auth:".
func TestKeyringFailuresInAPersonsWords(t *testing.T) {
	store := keyringcache.New(auth.KeyringService, "tokens:sandbox:sandbox:tenant:client", keyringcache.WithBackend(lockedBackend{}))
	saveErr := store.Save(context.Background(), []byte("{}"))
	if saveErr == nil {
		t.Fatal("a locked keyring took a write")
	}
	signOut := fmt.Errorf("auth: sign out: signed out for this run, but %w", fmt.Errorf("%w: %w", auth.ErrKeyringNotUpdated, saveErr))
	const wantSignOut = "Signed out for this session, but the keyring is locked, so it may still hold the sign-in. " +
		"Unlock the keyring and choose Try again to remove it (the Account menu offers it too). " +
		"Otherwise this account may be signed in again the next time Photo Desk starts with the keyring unlocked."
	if got := Explain(signOut); got != wantSignOut {
		t.Errorf("Explain(sign-out, locked keyring) = %q, want %q", got, wantSignOut)
	}
	// Not locked (no Secret Service): the same advice, for a keyring that
	// works again rather than one unlocked. Both offer to try again now
	// (the window's Try again), and say what happens if nobody does.
	broken := fmt.Errorf("auth: sign out: signed out for this run, but %w: %w", auth.ErrKeyringNotUpdated, errors.New("the name org.freedesktop.secrets was not provided"))
	for _, got := range []string{Explain(signOut), Explain(broken)} {
		if !strings.Contains(got, "choose Try again to remove it") || !strings.Contains(got, "the next time Photo Desk starts") {
			t.Errorf("Explain(sign-out the keyring missed) = %q, want Try again and the advice for the next start", got)
		}
	}
	if !SignedOutUnsaved(signOut) || SignedOutUnsaved(saveErr) {
		t.Error("SignedOutUnsaved does not tell a sign-out the keyring missed")
	}
	_, readErr := keyringcache.New(auth.KeyringService, "client-secret:m365:x", keyringcache.WithBackend(lockedBackend{})).Load(context.Background())
	secret := fmt.Errorf("sign in as the application: %w", fmt.Errorf("auth: read the client secret from the keyring: %w", readErr))
	for _, got := range []string{Explain(signOut), Explain(secret)} {
		for _, bad := range []string{"tokens:", "client-secret:", "collection", "auth:"} {
			if strings.Contains(got, bad) {
				t.Errorf("%q shows %q", got, bad)
			}
		}
	}
	if got := Explain(secret); !strings.Contains(got, "keyring is locked") {
		t.Errorf("Explain(client secret, locked keyring) = %q", got)
	}
}

// interactiveError is how MSAL for Go reports a refusal Entra ID posted to
// its redirect listener: error_description itself, HTML-escaped, no JSON.
func interactiveError(desc string) error {
	return fmt.Errorf("auth: interactive sign-in: %w", errors.New(html.EscapeString(desc)))
}

// TestUnknownUserAndInteractiveRefusals: AADSTS50034 (no such user in the
// tenant, a username typed with a stray space) gets advice, from a token
// endpoint's JSON or an interactive sign-in's bare description; another
// code's bare description keeps its first words, unescaped.
func TestUnknownUserAndInteractiveRefusals(t *testing.T) {
	const unknown = "The user account {EmailHidden} does not exist in the 'contoso.onmicrosoft.com' directory. To sign into this application, the account must be added to the directory."
	for _, err := range []error{
		msalError("50034", "invalid_request", unknown),
		interactiveError("AADSTS50034: " + unknown + " Trace ID: 0f1e Correlation ID: 9a8b"),
	} {
		got := Explain(err)
		if !strings.Contains(got, "no account with that username") || !strings.Contains(got, "AADSTS50034") {
			t.Errorf("Explain(%q) = %q, want the unknown-user advice", err, got)
		}
	}
	// The username typed is named: Entra ID hides it ({EmailHidden}), and
	// the advice said only "that username".
	named := &usernameError{username: "adele.vanse@contoso.onmicrosoft.com", err: interactiveError("AADSTS50034: " + unknown)}
	if got, want := Explain(named), `There is no account "adele.vanse@contoso.onmicrosoft.com" in the tenant set in Settings.`; !strings.HasPrefix(got, want) || !strings.HasSuffix(got, "(AADSTS50034)") {
		t.Errorf("Explain(50034 for a username typed) = %q, want it to open %q", got, want)
	}
	got := Explain(interactiveError("AADSTS50126: Error validating credentials due to 'invalid' username or password. Trace ID: 0f1e"))
	if want := "Microsoft's sign-in service refused: AADSTS50126: Error validating credentials due to 'invalid' username or password."; got != want {
		t.Errorf("Explain(interactive 50126) = %q, want %q", got, want)
	}
}

// Settings that cannot be used (a preferences file edited by hand) show
// every problem as a sentence of its own in the "could not connect" pane:
// the second used to run on in lower case ("client ID: …") after the first.
func TestSettingsProblemsAreSentences(t *testing.T) {
	err := auth.Cloud{Kind: auth.Microsoft365, TenantID: "not a tenant", AuthorityHost: auth.DefaultAuthorityHost, APIVersion: "v2"}.Validate()
	got := Explain(fmt.Errorf("open the connection: %w", err))
	want := `Tenant: "not a tenant" is not a GUID, a domain, or organizations/common/consumers.` + "\n" +
		"Client ID: enter the Application (client) ID from the app registration in Entra ID, a GUID.\n" +
		`API version: "v2" is not v1.0 or beta.`
	if got != want {
		t.Errorf("Explain =\n%s\nwant\n%s", got, want)
	}
}
