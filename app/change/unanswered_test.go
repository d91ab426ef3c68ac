package change

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// Unanswered goes by every try of a change, not its last answer alone: an
// upload given up on as throttled after a try that got no answer
// (graphapi.ErrEarlierTryUnanswered) may have gone through on that try.
// Taken as answered, the journal marked it failed, an import sent the
// file again (backing up its own upload as the person's photo) and the
// undo walked past the first change, never putting the original back.
func TestUnansweredCountsAnEarlierTryWithNoAnswer(t *testing.T) {
	throttled := &graphapi.Error{Status: 429, Code: "TooManyRequests", Method: "PUT"}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"throttled on every try", fmt.Errorf("set photo: %w", throttled), false},
		{"throttled after a try with no answer", fmt.Errorf("set photo: %w (%w)", throttled, graphapi.ErrEarlierTryUnanswered), true},
		{"refused after a try with no answer", fmt.Errorf("%w (%w)", &graphapi.Error{Status: 403, Method: "PUT"}, graphapi.ErrEarlierTryUnanswered), true},
		{"gateway timeout", &graphapi.Error{Status: 504}, true},
		{"not sent", fmt.Errorf("%w (%w)", ErrNotSent, graphapi.ErrNoAnswer), false},
	}
	for _, tt := range tests {
		if got := Unanswered(tt.err); got != tt.want {
			t.Errorf("%s: Unanswered(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}

// TestExplainOfAnUnansweredWriteDoesNotSayTryAgain: a gateway's 504 to a
// change was worded "Microsoft Graph is unavailable right now (504 Gateway
// Timeout). Try again in a moment." before the window's and the command
// line's "it may have gone through: look at the photo again": tried again
// before looking, the change may be made twice.
func TestExplainOfAnUnansweredWriteDoesNotSayTryAgain(t *testing.T) {
	p := app.Person{DisplayName: "Adele Vance", Subject: graphapi.User("adele@contoso.com"), Kind: app.KindUser}
	for _, status := range []int{502, 504} {
		err := fmt.Errorf("set photo: %w", &graphapi.Error{Status: status, Method: "PUT", RequestID: "b8a2983e"})
		msg := Explain(err, p)
		if strings.Contains(strings.ToLower(msg), "try again") || strings.Contains(msg, "Nothing was changed") || !strings.Contains(msg, fmt.Sprint(status)) {
			t.Errorf("a %d to a change is explained %q; want the status, and neither 'try again' nor 'nothing was changed' before the look", status, msg)
		}
	}
}

// TestExplainOfAWriteCutOffDoesNotSayTryAgain: a change whose connection
// was cut before any answer (a reset, as PHOTODESK_SANDBOX_FAULTS=reset
// does) was worded "Cannot reach Microsoft Graph. Check the network
// connection (or the proxy) and try again." before the window's and the
// command line's "it may have gone through: look at the photo again", as
// a gateway's 504 was. A read cut off sent nothing, and keeps those words.
func TestExplainOfAWriteCutOffDoesNotSayTryAgain(t *testing.T) {
	p := app.Person{DisplayName: "Adele Vance", Subject: graphapi.User("adele@contoso.com"), Kind: app.KindUser}
	cut := func(method, path string, marks ...error) error {
		u := "https://graph.microsoft.com/v1.0" + path
		reset := &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
		err := fmt.Errorf("%s %s: giving up after 5 tries: %w", method, u, &url.Error{Op: method[:1] + strings.ToLower(method[1:]), URL: u, Err: reset})
		for _, m := range marks {
			err = fmt.Errorf("%w (%w)", err, m)
		}
		return err
	}
	writes := map[string]error{
		"set":             fmt.Errorf("set photo: %w", cut("PUT", "/users/adele@contoso.com/photo/$value", graphapi.ErrEarlierTryUnanswered)),
		"set, first try":  fmt.Errorf("set photo: %w", cut("PUT", "/users/adele@contoso.com/photo/$value")),
		"remove":          fmt.Errorf("delete photo: %w", cut("DELETE", "/users/adele@contoso.com/photo", graphapi.ErrEarlierTryUnanswered)),
		"import's $batch": fmt.Errorf("set photo of %s: %w", p.Subject, cut("POST", "/$batch")),
	}
	for name, err := range writes {
		msg := Explain(err, p)
		if strings.Contains(strings.ToLower(msg), "try again") || strings.Contains(msg, "Cannot reach") || strings.Contains(msg, "Nothing was changed") ||
			!strings.Contains(msg, "connection") {
			t.Errorf("%s cut off is explained %q; want the connection named, and neither 'try again' nor 'nothing was changed' before the look", name, msg)
		}
	}
	read := fmt.Errorf("photo of %s: %w", p.Subject, cut("GET", "/users/adele@contoso.com/photo/$value"))
	if got, want := Explain(read, p), "Cannot reach Microsoft Graph. Check the network connection (or the proxy) and try again."; got != want {
		t.Errorf("a read cut off is explained %q; want %q", got, want)
	}
}

// TestExplainOfAChangeThatNeverLeftSaysNothingWasChanged: a change whose
// every try failed before it had a connection (graphapi.ErrNeverSent: a
// refused dial, DNS, a proxy's CONNECT, TLS) read "The connection to
// Microsoft Graph was lost while the change was on its way.", and
// Unanswered made the window and the command line add "it may have gone
// through: look at the photo first": nothing was sent, so nothing changed.
// One of whose tries did reach Graph unanswered still may have.
func TestExplainOfAChangeThatNeverLeftSaysNothingWasChanged(t *testing.T) {
	p := app.Person{DisplayName: "Adele Vance", Subject: graphapi.User("adele@contoso.com"), Kind: app.KindUser}
	u := "https://graph.microsoft.com/v1.0/users/adele@contoso.com/photo/$value"
	refused := &url.Error{Op: "Put", URL: u, Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}}
	noDNS := &url.Error{Op: "Post", URL: "https://graph.microsoft.com/v1.0/$batch", Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "graph.microsoft.com", IsNotFound: true}}}
	proxy407 := &url.Error{Op: "Put", URL: u, Err: &graphapi.ProxyError{Proxy: "proxy.contoso.com:8080", Target: "graph.microsoft.com:443", Status: 407, Reason: "Proxy Authentication Required"}}
	untrusted := &url.Error{Op: "Delete", URL: u, Err: &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}}
	for name, tt := range map[string]struct {
		err   error
		words string // how Friendly's words begin
	}{
		"set, dial refused":       {fmt.Errorf("set photo: PUT %s: giving up after 5 tries: %w (%w)", u, refused, graphapi.ErrNeverSent), "Cannot reach Microsoft Graph."},
		"import's $batch, no DNS": {fmt.Errorf("set photo of %s: batch: POST /$batch: %w (%w)", p.Subject, noDNS, graphapi.ErrNeverSent), "Cannot reach Microsoft Graph."},
		"set, proxy sign-in":      {fmt.Errorf("set photo: PUT %s: %w (%w)", u, proxy407, graphapi.ErrNeverSent), "The proxy (proxy.contoso.com:8080) wants a sign-in"},
		"remove, TLS not trusted": {fmt.Errorf("delete photo: DELETE %s: %w (%w)", u, untrusted, graphapi.ErrNeverSent), "The connection to Microsoft Graph is not trusted"},
	} {
		msg := Explain(tt.err, p)
		if Unanswered(tt.err) || !strings.HasPrefix(msg, tt.words) || !strings.HasSuffix(msg, " Nothing was changed.") || strings.Contains(msg, "on its way") {
			t.Errorf("%s: Unanswered = %v, explained %q; want false, and Friendly's words (%q…) with 'Nothing was changed.'", name, Unanswered(tt.err), msg, tt.words)
		}
	}
	earlier := fmt.Errorf("set photo: PUT %s: giving up after 5 tries: %w (%w) (%w)", u, refused, graphapi.ErrNeverSent, graphapi.ErrEarlierTryUnanswered)
	if !Unanswered(earlier) || strings.Contains(Explain(earlier, p), "Nothing was changed") {
		t.Errorf("after a try with no answer: Unanswered = %v, explained %q; want it open", Unanswered(earlier), Explain(earlier, p))
	}
}

// TestExplainOfAWriteTimedOutDoesNotSayTryAgain: a change whose tries
// timed out waiting for Graph's answer (graphapi's timeouts, which read as
// context.DeadlineExceeded) read "Microsoft Graph took too long to
// answer. Try again." before the look-first advice, although it may have
// gone through. A user's cancel keeps "Cancelled.", and a read timed out
// keeps Friendly's words.
func TestExplainOfAWriteTimedOutDoesNotSayTryAgain(t *testing.T) {
	p := app.Person{DisplayName: "Adele Vance", Subject: graphapi.User("adele@contoso.com"), Kind: app.KindUser}
	timedOut := func(method, path string) error {
		u := "https://graph.microsoft.com/v1.0" + path
		noAnswer := fmt.Errorf("%w: %w", graphapi.ErrNoAnswer, context.DeadlineExceeded) // as net/http's "timeout awaiting response headers" is
		return fmt.Errorf("%s %s: giving up after 5 tries: %w (%w)", method, u, &url.Error{Op: method[:1] + strings.ToLower(method[1:]), URL: u, Err: noAnswer}, graphapi.ErrEarlierTryUnanswered)
	}
	for name, err := range map[string]error{
		"set":             fmt.Errorf("set photo: %w", timedOut("PUT", "/users/adele@contoso.com/photo/$value")),
		"remove":          fmt.Errorf("delete photo: %w", timedOut("DELETE", "/users/adele@contoso.com/photo")),
		"import's $batch": fmt.Errorf("set photo of %s: batch: %w", p.Subject, timedOut("POST", "/$batch")),
	} {
		msg := Explain(err, p)
		if !Unanswered(err) || strings.Contains(strings.ToLower(msg), "try again") || strings.Contains(msg, "Nothing was changed") || !strings.Contains(msg, "too long") {
			t.Errorf("%s timed out: Unanswered = %v, explained %q; want it open, the wait named, and neither 'try again' nor 'nothing was changed'", name, Unanswered(err), msg)
		}
	}
	if got := Explain(fmt.Errorf("photo: %w", timedOut("GET", "/users/adele@contoso.com/photo/$value")), p); got != "Microsoft Graph took too long to answer. Try again." {
		t.Errorf("a read timed out is explained %q", got)
	}
	u := "https://graph.microsoft.com/v1.0/users/adele@contoso.com/photo/$value"
	stopped := fmt.Errorf("set photo: PUT %s: %w", u, &url.Error{Op: "Put", URL: u, Err: context.Canceled})
	if got := Explain(stopped, p); got != "Cancelled." {
		t.Errorf("a change the user stopped is explained %q; want \"Cancelled.\"", got)
	}
}
