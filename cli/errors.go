package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	appsession "github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
)

// fail prints err for a person first (explain: the window's words,
// AADSTS advice included) and then the facts a
// script or a support ticket needs: the HTTP status, Graph's error code and
// the request ids. It returns the exit code for err.
func fail(e *env, cmd string, err error) int {
	if n, ok := errors.AsType[notGiven](err); ok {
		return failWith(e, cmd, err, n.advice())
	}
	if advice, ok := groupAdvice(err); ok {
		return failWith(e, cmd, err, advice)
	}
	return failWith(e, cmd, err, explain(e, err))
}

// explain words err as the window does for the kind of sign-in: an
// application is told of Graph's known refusal of group photos
// (app.FriendlyForApp), which a signed-in person's words would read as a
// permission to grant (appsession.Explain, app.Friendly).
func explain(e *env, err error) string {
	if e.appOnly && graphapi.IsAppOnlyGroupPhotoDenied(err) {
		return app.FriendlyForApp(err)
	}
	return appsession.Explain(err)
}

// explainChange is change.Explain for the kind of sign-in, as explain is
// for other errors.
func explainChange(e *env, err error, p app.Person) string {
	if e.appOnly {
		return change.ExplainForApp(err, p)
	}
	return change.Explain(err, p)
}

// stopped is what a command stopped by a signal says: "stopped (Ctrl+C)",
// or "stopped (SIGTERM)" when a service manager or timeout ended it.
func (e *env) stopped() string { return "stopped (" + e.stoppedBy() + ")" }

// stoppedBy is the signal that stopped the command, in words for a
// support line: "Ctrl+C", or its name.
func (e *env) stoppedBy() string {
	if e.stopSignal != nil {
		if name := e.stopSignal(); name != "" {
			return name
		}
	}
	return "Ctrl+C"
}

// failWith is fail with the person's words already chosen.
func failWith(e *env, cmd string, err error, friendly string) int {
	if isUsage(err) {
		return usageFail(e, cmd, err)
	}
	switch {
	case errors.Is(err, context.Canceled) && !strings.HasPrefix(friendly, e.stopped()):
		// Ctrl+C: not a sign-in cancelled, whatever the error passed
		// through. A message that already says so (and more) is kept.
		friendly = e.stopped()
	case e.noToken && graphapi.IsUnauthorized(err):
		// The variable's state was said when the command started.
		friendly = "Graph wants a token and none was sent: set $" + EnvAccessToken + " to one for this Graph (photodesk sandbox prints one for the sandbox)"
	case e.bareToken && graphapi.IsUnauthorized(err):
		// Signing in again would not change the token the command was given.
		friendly = "the token in $" + EnvAccessToken + " is expired or not valid here: set a new one (photodesk sandbox prints one for the sandbox)"
	}
	var ge *graphapi.Error
	isGraph := errors.As(err, &ge)
	if isGraph && notGraph(ge) {
		friendly = fmt.Sprintf("the server at %s does not answer like Microsoft Graph (HTTP %d %s without a Graph error or request-id): check --graph-url or $%s",
			serverOf(ge.URL), ge.Status, http.StatusText(ge.Status), EnvGraphURL)
	}
	detail := err.Error()
	if errors.Is(err, context.Canceled) {
		// The support line names what was stopped; Go's own words for
		// it ("…/photo/$value: context canceled") are no one's.
		detail = strings.ReplaceAll(detail, context.Canceled.Error(), "stopped by "+e.stoppedBy())
	}
	if isGraph && ge.RequestID != "" {
		// The facts line below gives the request id once: the window's
		// words and the error's own each carried it too, three times in
		// three lines.
		friendly, detail = withoutRequestID(friendly, ge), withoutRequestID(detail, ge)
	}
	printf(e.stderr, "photodesk %s: %s\n", cmd, friendly)
	if isGraph {
		printf(e.stderr, "  HTTP status %d, Graph code %s, request-id %s, client-request-id %s\n",
			ge.Status, dash(ge.Code), dash(ge.RequestID), dash(ge.ClientRequestID))
	}
	// The detail is for support; it is left out when it only repeats the
	// first line (app.Friendly capitalises an error it has no words for,
	// session.Explain each of several Settings problems).
	if !strings.EqualFold(sentenceless(detail), sentenceless(friendly)) {
		printf(e.stderr, "  %s\n", detail)
	}
	return ExitFailure
}

// withoutRequestID is text without ge's request-id notes (the window's
// words and graphapi.Error's both add one, spelt by ge.RequestIDNote), and
// the space before each.
func withoutRequestID(text string, ge *graphapi.Error) string {
	note := ge.RequestIDNote()
	if note == "" {
		return text
	}
	return strings.ReplaceAll(strings.ReplaceAll(text, note, ""), strings.TrimPrefix(note, " "), "")
}

// sentenceless is s without the full stop that ends each of its lines,
// to tell whether a person's words only repeat an error's.
func sentenceless(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, ".")
	}
	return strings.Join(lines, "\n")
}

// notGraph reports an HTTP error that Graph would not send: an error
// status with neither a Graph error code nor a request-id, e.g. a web
// server's HTML 404 page because --graph-url names the wrong port.
func notGraph(ge *graphapi.Error) bool {
	return ge.Status >= 400 && ge.Code == "" && ge.RequestID == ""
}

// serverOf is the scheme and host of a request URL, for messages.
func serverOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "the Graph URL"
	}
	return u.Scheme + "://" + u.Host
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// note prints an informational line on stderr, keeping stdout for data.
func note(w io.Writer, cmd, format string, a ...any) {
	printf(w, "photodesk %s: %s\n", cmd, fmt.Sprintf(format, a...))
}

// printf is how messages reach the terminal: they often carry a server's
// words or a URL someone typed, so the finished line goes through
// app.Sanitize (no escape sequences, no tokens, no URL passwords).
func printf(w io.Writer, format string, a ...any) {
	fmt.Fprint(w, app.Sanitize(fmt.Sprintf(format, a...)))
}
