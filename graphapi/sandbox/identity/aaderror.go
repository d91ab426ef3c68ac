package identity

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// oauthError is an error answer in Entra ID's shape: the OAuth error code, an
// AADSTS-prefixed description with trace and correlation ids, and the
// numeric AADSTS codes that MSAL and people search for.
type oauthError struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
	ErrorCodes       []int  `json:"error_codes"`
	Timestamp        string `json:"timestamp"`
	TraceID          string `json:"trace_id"`
	CorrelationID    string `json:"correlation_id"`
	ErrorURI         string `json:"error_uri"`
}

// aadError is an OAuth error to answer with: status, error code, AADSTS
// number and message (without the "AADSTSnnn: " prefix).
type aadError struct {
	status int
	code   string
	aadsts int
	msg    string
}

func (e *aadError) Error() string { return fmt.Sprintf("AADSTS%d: %s", e.aadsts, e.msg) }

func errInvalidRequest(aadsts int, format string, a ...any) *aadError {
	return &aadError{http.StatusBadRequest, "invalid_request", aadsts, fmt.Sprintf(format, a...)}
}

func errInvalidGrant(aadsts int, format string, a ...any) *aadError {
	return &aadError{http.StatusBadRequest, "invalid_grant", aadsts, fmt.Sprintf(format, a...)}
}

func errMissingParam(name string) *aadError {
	return errInvalidRequest(900144, "The request body must contain the following parameter: '%s'.", name)
}

// writeError answers with e in Entra ID's JSON shape.
func (p *Provider) writeError(w http.ResponseWriter, r *http.Request, e *aadError) {
	p.count(func(s *Stats) { s.Errors++ })
	now := p.now().UTC()
	trace := newGUID()
	corr := r.Header.Get("client-request-id")
	if corr == "" {
		corr = newGUID()
	}
	ts := now.Format("2006-01-02 15:04:05Z")
	body := oauthError{
		Error: e.code,
		ErrorDescription: fmt.Sprintf("AADSTS%d: %s Trace ID: %s Correlation ID: %s Timestamp: %s",
			e.aadsts, e.msg, trace, corr, ts),
		ErrorCodes:    []int{e.aadsts},
		Timestamp:     ts,
		TraceID:       trace,
		CorrelationID: corr,
		ErrorURI:      p.baseURL() + "/error?code=" + strconv.Itoa(e.aadsts),
	}
	writeJSON(w, e.status, body)
}

// writeJSON answers with v as JSON and the no-store headers Entra ID sends
// with every token endpoint answer.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store, no-cache")
	h.Set("Pragma", "no-cache")
	h.Set("x-ms-request-id", newGUID())
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
