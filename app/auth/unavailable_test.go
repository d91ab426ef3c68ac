package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"testing"

	msalerrors "github.com/AzureAD/microsoft-authentication-library-for-go/apps/errors"
)

// TestOnlyTheServicesRefusalNeedsASignIn: a silent request MSAL could not
// make (no answer) or that the sign-in service answered it could not
// serve now (5xx, 429, temporarily_unavailable) is unavailable, so the
// account is kept; its answer that the refresh token is no good
// (invalid_grant, interaction_required) is not, and needs a sign-in.
func TestOnlyTheServicesRefusalNeedsASignIn(t *testing.T) {
	const token = "https://login.microsoftonline.com/contoso/oauth2/v2.0/token"
	answer := func(status int, body string) error {
		req, _ := http.NewRequest(http.MethodPost, token, nil)
		return fmt.Errorf("wrapped: %w", msalerrors.CallErr{
			Req: req, Resp: &http.Response{StatusCode: status, Body: io.NopCloser(strings.NewReader(body))},
			Err: fmt.Errorf("http call(%s)(POST) error: reply status code was %d:\n%s", token, status, body),
		})
	}
	noAnswer := fmt.Errorf("server response error:\n %w", &url.Error{Op: "Post", URL: token, Err: syscall.ECONNREFUSED})
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"refused", noAnswer, true},
		{"503", answer(503, `{"error":"temporarily_unavailable"}`), true},
		{"504 without a body", answer(504, ""), true},
		{"429", answer(429, `{"error":"too_many_requests"}`), true},
		{"400 temporarily_unavailable", answer(400, `{"error":"temporarily_unavailable","error_codes":[90033]}`), true},
		{"revoked", answer(400, `{"error":"invalid_grant","error_description":"AADSTS50173: The provided grant has expired due to it being revoked"}`), false},
		{"MFA", answer(400, `{"error":"interaction_required","error_description":"AADSTS50076: Due to a configuration change made by your administrator"}`), false},
		{"consent", answer(400, `{"error":"invalid_grant","error_description":"AADSTS65001: The user or administrator has not consented"}`), false},
		{"no refresh token", errors.New("no token found"), false},
	}
	for _, tt := range tests {
		if got := unavailable(tt.err); got != tt.want {
			t.Errorf("%s: unavailable = %v, want %v", tt.name, got, tt.want)
		}
	}
	host, status, ok := UnavailableAnswer(fmt.Errorf("auth: %w: %w", ErrSignInUnavailable, answer(503, "")))
	if host != "login.microsoftonline.com" || status != 503 || !ok {
		t.Errorf("UnavailableAnswer = %q, %d, %v", host, status, ok)
	}
	if _, _, ok := UnavailableAnswer(fmt.Errorf("auth: %w: %w", ErrSignInUnavailable, noAnswer)); ok {
		t.Error("UnavailableAnswer found an answer in a refused connection")
	}
}

// TestACutAnswerIsNoAnswer: MSAL (v1.10, comm.go) reports a connection
// lost while it reads the token answer's body as "could not read the body
// of an HTTP Response: %w" — no *url.Error, no CallErr — and unavailable
// took that for the service's refusal, so a Wi-Fi that faded mid-answer
// asked for a new sign-in. The read's own error is the connection's.
func TestACutAnswerIsNoAnswer(t *testing.T) {
	read := func(err error) error {
		return fmt.Errorf("wrapped: %w", fmt.Errorf("could not read the body of an HTTP Response: %w", err))
	}
	for name, err := range map[string]error{
		"cut before the end":        read(io.ErrUnexpectedEOF),
		"reset":                     read(&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}),
		"MSAL's own timeout":        read(context.DeadlineExceeded),
		"an HTTP/2 reset":           read(errors.New("stream error: stream ID 3; INTERNAL_ERROR; received from peer")),
		"a cut, MSAL's words aside": fmt.Errorf("reading the answer: %w", io.ErrUnexpectedEOF),
	} {
		if !unavailable(err) {
			t.Errorf("%s: unavailable(%v) = false", name, err)
		}
	}
}

// TestTemporarilyUnavailableIsTheAnswersErrorField: OAuth's
// temporarily_unavailable was found by looking for its quoted name
// anywhere in MSAL's text, so an answer with another error that named it
// in another field was taken for it, and one MSAL's text did not quote
// was missed. The answer's body (CallErr.Resp) is parsed instead, and put
// back for the next reader.
func TestTemporarilyUnavailableIsTheAnswersErrorField(t *testing.T) {
	const token = "https://login.microsoftonline.com/contoso/oauth2/v2.0/token"
	call := func(status int, body, text string) (msalerrors.CallErr, error) {
		req, _ := http.NewRequest(http.MethodPost, token, nil)
		c := msalerrors.CallErr{Req: req, Resp: &http.Response{StatusCode: status, Body: io.NopCloser(strings.NewReader(body))}, Err: errors.New(text)}
		return c, fmt.Errorf("wrapped: %w", c)
	}
	_, named := call(400, `{"error":"invalid_grant","error_description":"AADSTS50173: revoked","suberror":"temporarily_unavailable"}`,
		`reply status code was 400: {"error":"invalid_grant","suberror":"temporarily_unavailable"}`)
	if unavailable(named) {
		t.Error("invalid_grant naming temporarily_unavailable in another field is unavailable")
	}
	const body = `{"error":"temporarily_unavailable","error_codes":[90033]}`
	c, unquoted := call(400, body, "reply status code was 400")
	if !unavailable(unquoted) {
		t.Error("temporarily_unavailable in the body only is not unavailable")
	}
	if again, _ := io.ReadAll(c.Resp.Body); string(again) != body {
		t.Errorf("body after classifying = %q, want it put back", again)
	}
}

// TestAPortalsPageIsAForeignAnswer: a captive portal answering the token
// request with its login page (200, HTML: MSAL's InvalidJsonErr) or 511
// is not the service's word on the refresh token: unavailable, and marked
// ErrForeignAnswer so that it is worded as the network's sign-in.
func TestAPortalsPageIsAForeignAnswer(t *testing.T) {
	req, _ := http.NewRequest(http.MethodPost, "https://login.microsoftonline.com/contoso/oauth2/v2.0/token", nil)
	for name, err := range map[string]error{
		"a page": msalerrors.InvalidJsonErr{Err: errors.New("json decode error: invalid character '<' looking for beginning of value")},
		"511": msalerrors.CallErr{
			Req: req, Resp: &http.Response{StatusCode: http.StatusNetworkAuthenticationRequired, Body: http.NoBody},
			Err: errors.New("reply status code was 511"),
		},
	} {
		uerr := unavailableError("", err)
		if !errors.Is(uerr, ErrSignInUnavailable) || !errors.Is(uerr, ErrForeignAnswer) {
			t.Errorf("%s: %v, want ErrSignInUnavailable and ErrForeignAnswer", name, uerr)
		}
	}
	if uerr := unavailableError("", fmt.Errorf("server response error:\n %w", &url.Error{Op: "Post", Err: syscall.ECONNREFUSED})); errors.Is(uerr, ErrForeignAnswer) {
		t.Errorf("a refused connection is a foreign answer: %v", uerr)
	}
}
