package graphapi

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"testing"
	"time"
	"unicode/utf8"
)

var fuzzNow = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

func FuzzDecodeError(f *testing.F) {
	f.Add(404, []byte(`{"error":{"code":"ImageNotFound","message":"Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown.","innerError":{"date":"2026-11-29T12:00:00","request-id":"r","client-request-id":"c"}}}`), "")
	f.Add(429, []byte(`{"error":{"code":"TooManyRequests","message":"Application is over its MailboxConcurrency limit."}}`), "2.128")
	f.Add(503, []byte("<html>Service Unavailable</html>"), "Sun, 29 Nov 2026 12:00:05 GMT")
	f.Add(404, []byte("The requested size is not available."), "")
	f.Add(400, []byte(`{"error":null}`), "-1")
	f.Add(500, []byte("\xff\xfe\x00"), "NaN")
	f.Add(0, []byte(`{"error":{"code":1}}`), "1e9")
	f.Fuzz(func(t *testing.T, status int, body []byte, retryAfter string) {
		h := http.Header{"Retry-After": {retryAfter}}
		e := decodeError(status, h, body, "u", fuzzNow)
		if e == nil || e.Status != status || e.URL != "u" {
			t.Fatalf("decodeError = %+v", e)
		}
		if e.RetryAfter < 0 || e.RetryAfter > maxRetryAfter {
			t.Fatalf("RetryAfter %v out of range", e.RetryAfter)
		}
		if e.Code == "" && (!utf8.ValidString(e.Message) || utf8.RuneCountInString(e.Message) > maxMessage+1) {
			t.Fatalf("non-JSON message not cleaned: %q", e.Message)
		}
		_ = e.Error()
	})
}

func FuzzDecodeBatch(f *testing.F) {
	f.Add([]byte(`{"responses":[{"id":"1","status":200,"headers":{"Content-Type":"image/jpeg"},"body":"+/+/"}]}`), []byte{0xfb, 0xff}, uint8(0))
	f.Add([]byte(`{"responses":[{"id":"1","status":200,"headers":{"Content-Type":"image/jpeg"},"body":"-_-_"}]}`), []byte{0xfb, 0xff, 0xbf}, uint8(1))
	f.Add([]byte(`{"responses":[{"id":"1","status":200,"headers":{"content-type":"application/json"},"body":{"id":"u"}}]}`), []byte("x"), uint8(2))
	f.Add([]byte(`{"responses":[{"id":"2","status":429,"headers":{"Retry-After":"0.249"},"body":{"error":{"code":"TooManyRequests"}}}]}`), []byte{}, uint8(3))
	f.Add([]byte(`{"responses":[{"id":"3","status":404,"body":"not json"},{"id":"4"},null]}`), []byte{0}, uint8(4))
	f.Add([]byte(`{"responses":{}}`), []byte{1, 2, 3}, uint8(5))
	f.Add([]byte(`not json`), []byte("photo"), uint8(6))
	encodings := []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding}
	f.Fuzz(func(t *testing.T, envelope, payload []byte, alphabet uint8) {
		// Arbitrary envelopes: no panic, and every error item carries an error.
		if resps, err := decodeBatch(envelope, fuzzNow); err == nil {
			for _, r := range resps {
				if r.Status >= 400 && !hasStatus(r.Err, r.Status) {
					t.Fatalf("item %q status %d without a matching *Error: %v", r.ID, r.Status, r.Err)
				}
			}
		}
		// Any payload, in any of the four alphabets, comes back intact.
		enc := encodings[int(alphabet)%len(encodings)]
		item, _ := json.Marshal(map[string]any{"responses": []any{map[string]any{
			"id": "p", "status": 200, "headers": map[string]string{"Content-Type": "image/png"},
			"body": enc.EncodeToString(payload),
		}}})
		resps, err := decodeBatch(item, fuzzNow)
		if err != nil || len(resps) != 1 || resps[0].Err != nil {
			t.Fatalf("decodeBatch(%s) = %+v, %v", item, resps, err)
		}
		if !bytes.Equal(resps[0].Body, payload) && len(payload) > 0 {
			t.Fatalf("payload %x came back as %x", payload, resps[0].Body)
		}
	})
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{
		"2", "2.128", "0.249", ".5", "0", "-1", "NaN", "Inf", "1e400", "99999999999",
		"Sun, 29 Nov 2026 12:00:05 GMT", "Sunday, 29-Nov-26 12:01:00 GMT", "Sun Nov 29 12:00:30 2026",
		"Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "", " ", "1.", "0x10",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseRetryAfter(s, fuzzNow)
		if !ok && d != 0 {
			t.Fatalf("parseRetryAfter(%q) = %v but not ok", s, d)
		}
		if d < 0 || d > maxRetryAfter {
			t.Fatalf("parseRetryAfter(%q) = %v, out of [0, %v]", s, d, maxRetryAfter)
		}
	})
}
