package auth

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
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
			Req: req, Resp: &http.Response{StatusCode: status},
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
