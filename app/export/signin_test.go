package export

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// TestExpiredSignInStopsTheRun: a token that expires part-way (a bare
// PHOTODESK_ACCESS_TOKEN lives an hour) made every envelope after it a
// 401, and the export went on through everyone left, writing each an
// error row: thousands of "InvalidAuthenticationToken" rows and a closing
// line that only said "N people ended in an error". The run now stops at
// the first refused envelope with the 401 as its error, which the window
// and the command line word as "sign in again" or "set a new token"; the
// people not reached have no row, so --resume picks them up.
func TestExpiredSignInStopsTheRun(t *testing.T) {
	var photoEnvelopes atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Requests []struct{ ID, URL string } `json:"requests"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			t.Errorf("batch body: %v", err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		if strings.Contains(in.Requests[0].URL, "/photo") {
			// The token expired after the lookups.
			photoEnvelopes.Add(1)
			w.Header().Set("WWW-Authenticate", `Bearer realm=""`)
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}}`))
			return
		}
		var out struct {
			Responses []*batchItem `json:"responses"`
		}
		for _, req := range in.Requests {
			entry, _, _ := strings.Cut(strings.TrimPrefix(req.URL, "/users/"), "?")
			out.Responses = append(out.Responses, &batchItem{
				ID: req.ID, Status: http.StatusOK, Headers: map[string]string{"Content-Type": "application/json"},
				Body: map[string]string{"id": entry, "userPrincipalName": entry, "displayName": entry},
			})
		}
		_ = json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	client := graphapi.New(graphapi.WithBaseURL(srv.URL), graphapi.WithHTTPClient(srv.Client()),
		graphapi.WithTokenSource(graphapi.StaticToken("t")), graphapi.WithRetry(graphapi.RetryPolicy{MaxAttempts: 1}))

	var people []string
	for i := range 60 {
		people = append(people, "p"+string(rune('a'+i%26))+string(rune('a'+i/26))+"@contoso.com")
	}
	sum, rows, _, err := exportRun(t, t.Context(), Options{
		Client: client, Source: Source{People: people}, Sizes: Sizes{Mode: ModeOne, Size: graphapi.SizeLargest}, Workers: 1,
	})
	if !graphapi.IsUnauthorized(err) {
		t.Errorf("run error %v, want the 401", err)
	}
	if len(rows) != 0 || sum.Errors != 0 {
		t.Errorf("%d rows, %d errors: the people not reached must have no row for --resume to pick up", len(rows), sum.Errors)
	}
	if n := photoEnvelopes.Load(); n != 1 {
		t.Errorf("%d envelopes sent with a refused token, want 1", n)
	}
}
