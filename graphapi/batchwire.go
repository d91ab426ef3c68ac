package graphapi

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Wire shapes of JSON batching:
// https://learn.microsoft.com/graph/json-batching
type wireBatchRequest struct {
	ID      string            `json:"id"`
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    any               `json:"body,omitempty"`
}

// wireBody is a request's body as the envelope carries it: JSON as it is,
// anything else base64-encoded; nil without a body.
func wireBody(r BatchRequest) any {
	if len(r.Body) == 0 {
		return nil
	}
	if strings.HasPrefix(strings.ToLower(headerValue(r.Headers, "Content-Type")), "application/json") && json.Valid(r.Body) {
		return json.RawMessage(r.Body)
	}
	return base64.StdEncoding.EncodeToString(r.Body)
}

type wireBatchResponse struct {
	ID      string            `json:"id"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    json.RawMessage   `json:"body"`
}

// decodeBatch parses a $batch envelope into per-item responses. Bodies are
// decoded: a JSON object or array is kept as raw JSON; a string is base64
// (Graph's encoding for binary bodies such as photos) in the standard or URL
// alphabet, padded or not, or plain text if the item says it is text. An
// item whose status is 400 or more gets an *Error in Err. It fails only when
// the envelope itself is not a batch response; a bad item gets its own Err.
func decodeBatch(data []byte, now time.Time) ([]BatchResponse, error) {
	var env struct {
		Responses []wireBatchResponse `json:"responses"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, fmt.Errorf("decode batch response: %w", err)
	}
	out := make([]BatchResponse, 0, len(env.Responses))
	for _, w := range env.Responses {
		r := BatchResponse{ID: w.ID, Status: w.Status, Headers: w.Headers}
		body, err := decodeBatchBody(w.Body, headerValue(w.Headers, "Content-Type"))
		r.Body = body
		switch {
		case w.Status >= 400:
			ge := decodeError(w.Status, httpHeader(w.Headers), body, "", now)
			ge.InBatch = true
			r.Err = ge
		case err != nil:
			r.Err = fmt.Errorf("batch item %s: %w", w.ID, err)
		case w.Status == 0:
			r.Err = fmt.Errorf("batch item %s: no status", w.ID)
		}
		out = append(out, r)
	}
	return out, nil
}

// decodeBatchBody turns one item's "body" into bytes.
func decodeBatchBody(raw json.RawMessage, contentType string) ([]byte, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	if raw[0] != '"' {
		return append([]byte(nil), raw...), nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("body string: %w", err)
	}
	if isTextual(contentType) {
		return []byte(s), nil // "Not Found" would decode as base64, to garbage
	}
	b, err := decodeBase64(s)
	if err != nil {
		return nil, fmt.Errorf("base64 body: %w", err)
	}
	return b, nil
}

// base64Encodings are tried in order; Graph's choice of alphabet and
// padding is undocumented, so all four are accepted.
var base64Encodings = []*base64.Encoding{
	base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding,
}

func decodeBase64(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' || r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, s)
	var errs []error
	for _, enc := range base64Encodings {
		b, err := enc.DecodeString(s)
		if err == nil {
			return b, nil
		}
		errs = append(errs, err)
	}
	return nil, errors.Join(errs...)
}

func isTextual(contentType string) bool {
	ct := strings.ToLower(contentType)
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json") || strings.Contains(ct, "xml")
}

// headerValue looks a header up in a batch item's map, ignoring case.
func headerValue(h map[string]string, key string) string {
	if v, ok := h[key]; ok {
		return v
	}
	for k, v := range h {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return ""
}

func httpHeader(h map[string]string) http.Header {
	out := make(http.Header, len(h))
	for k, v := range h {
		out.Set(k, v)
	}
	return out
}
