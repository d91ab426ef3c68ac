package change

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	msalerrors "github.com/AzureAD/microsoft-authentication-library-for-go/apps/errors"
	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
)

// failingTokens hands out a token until its call number from, then err.
type failingTokens struct {
	calls atomic.Int32
	from  int32
	err   error
}

func (f *failingTokens) Token(context.Context) (string, error) {
	if f.calls.Add(1) >= f.from {
		return "", f.err
	}
	return "token", nil
}

// throttle is Graph's answer that it did nothing: 429.
func throttle(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte(`{"error":{"code":"TooManyRequests","message":"Too many requests"}}`))
}

// hangUp reads the request and drops the connection unanswered.
func hangUp(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }

// changeThenNoToken sends an upload to a Graph that answers each try with
// graph, through a token source that fails with tokenErr from its second
// call on, and gives the change's error.
func changeThenNoToken(t *testing.T, graph http.HandlerFunc, tokenErr error) error {
	t.Helper()
	srv := httptest.NewServer(graph)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the aborted handler is the point
	t.Cleanup(srv.Close)
	c := graphapi.New(graphapi.WithBaseURL(srv.URL+"/v1.0"), graphapi.WithTokenSource(&failingTokens{from: 2, err: tokenErr}),
		graphapi.WithRetry(graphapi.RetryPolicy{
			MaxAttempts: 4, MaxWait: time.Minute, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond,
			Sleep: func(context.Context, time.Duration) error { return nil },
		}))
	err := c.SetPhoto(t.Context(), graphapi.User("adele@contoso.com"), []byte{0xff, 0xd8, 0xff}, "image/jpeg")
	if err == nil {
		t.Fatal("no error")
	}
	return err
}

// TestChangeThrottledThenWithoutATokenWasNotChanged: an upload Graph
// answered 429, whose retry then got no token because the sign-in
// service could not be reached, was read as a change that may have gone
// through — "The connection to Microsoft Graph was lost while the change
// was on its way." (the MSAL *url.Error inside is the token POST, taken
// for the upload's) — and logged as such, so undo and a resumed import
// treated it as possibly made. Graph answered its only try that left this
// machine: nothing was changed, and the sign-in service is named.
func TestChangeThrottledThenWithoutATokenWasNotChanged(t *testing.T) {
	const token = "https://login.microsoftonline.com/contoso/oauth2/v2.0/token"
	refused := fmt.Errorf("auth: %w: %w", auth.ErrSignInUnavailable,
		fmt.Errorf("server response error:\n %w", &url.Error{Op: "Post", URL: token, Err: syscall.ECONNREFUSED}))
	err := changeThenNoToken(t, throttle, refused)
	if Unanswered(err) {
		t.Errorf("Unanswered(%v) = true; Graph answered the only try that was sent", err)
	}
	// A first try cut off unanswered may have gone through, whatever the
	// next one came to.
	if cut := changeThenNoToken(t, hangUp, refused); !Unanswered(cut) {
		t.Errorf("Unanswered(%v) = false after a try with no answer", cut)
	}
	p := app.Person{DisplayName: "Adele Vance", Subject: graphapi.User("adele@contoso.com"), Kind: app.KindUser}
	msg := Explain(err, p)
	if !strings.Contains(msg, "Microsoft's sign-in service (login.microsoftonline.com)") || !strings.HasSuffix(msg, "Nothing was changed.") {
		t.Errorf("Explain = %q; want the sign-in service named and nothing changed", msg)
	}
}

// TestChangeWithADeadSignInSaysSignInAgain: a change that got no token
// because the sign-in service answered that the refresh token no longer
// serves (invalid_grant: revoked, expired, a password change) — to tell
// who changes, to read the photo for its backup, or to send it — was
// explained by the token request's raw text ("Set photo of user …: PUT
// …: get token: auth: sign-in required: http call(…)(POST) error: reply
// status code was 400: {…}") or, for who, as a token without an account
// id, in the window, the command line and an import's report: nothing
// said to sign in again. Now it says so, and that nothing was changed.
func TestChangeWithADeadSignInSaysSignInAgain(t *testing.T) {
	const token = "https://login.microsoftonline.com/contoso/oauth2/v2.0/token"
	req, _ := http.NewRequest(http.MethodPost, token, nil)
	dead := fmt.Errorf("auth: %w: %w", auth.ErrSignInRequired, msalerrors.CallErr{
		Req: req, Resp: &http.Response{StatusCode: http.StatusBadRequest},
		Err: fmt.Errorf("http call(%s)(POST) error: reply status code was 400:\n%s", token,
			`{"error":"invalid_grant","error_description":"AADSTS50173: The provided grant has expired due to it being revoked"}`),
	})
	send := changeThenNoToken(t, throttle, dead)
	first := func() error {
		c := graphapi.New(graphapi.WithBaseURL("http://127.0.0.1:1/v1.0"), graphapi.WithTokenSource(&failingTokens{from: 1, err: dead}))
		return c.DeletePhoto(t.Context(), graphapi.User("adele@contoso.com"))
	}()
	p := app.Person{DisplayName: "Adele Vance", Subject: graphapi.User("adele@contoso.com"), Kind: app.KindUser}
	for what, err := range map[string]error{
		"send, first try":   first,
		"send, after a 429": send,
		"backup read":       fmt.Errorf("%w: read the current photo: %w", ErrBackupFailed, first),
		"who":               fmt.Errorf("%w: %w", ErrWhoUnknown, &graphapi.TokenError{Err: dead}),
	} {
		if got, want := Explain(err, p), app.SignInAgain+" Nothing was changed."; got != want {
			t.Errorf("%s: Explain(%v)\n = %q\nwant %q", what, err, got, want)
		}
	}
	// After a try that got no answer it may have gone through: no
	// "Nothing was changed".
	if got := Explain(changeThenNoToken(t, hangUp, dead), p); strings.Contains(got, "Nothing was changed") {
		t.Errorf("after a try with no answer: Explain = %q", got)
	}
}
