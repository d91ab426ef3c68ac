package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

type batchItemResult struct {
	ID      string            `json:"id"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    json.RawMessage   `json:"body"`
}

// batch posts items (each a map) and returns the envelope and the items by id.
func batch(t *testing.T, c *client, items []map[string]any, headers ...string) (result, map[string]batchItemResult, []string) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"requests": items})
	if err != nil {
		t.Fatal(err)
	}
	r := c.do("POST", "/$batch", body, headers...)
	if r.status != 200 {
		return r, nil, nil
	}
	var env struct {
		Responses []batchItemResult `json:"responses"`
	}
	if err := json.Unmarshal(r.body, &env); err != nil {
		t.Fatalf("batch answer: %v: %s", err, r.body)
	}
	byID := map[string]batchItemResult{}
	var order []string
	for _, it := range env.Responses {
		byID[it.ID] = it
		order = append(order, it.ID)
	}
	return r, byID, order
}

func get(id, u string, extra ...any) map[string]any {
	m := map[string]any{"id": id, "method": "GET", "url": u}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i].(string)] = extra[i+1]
	}
	return m
}

func TestBatchEnvelopeRules(t *testing.T) {
	c := demo(t)
	var many []map[string]any
	for i := range 21 {
		many = append(many, get(fmt.Sprint(i), "/me"))
	}
	r, _, _ := batch(t, c, many)
	wantError(t, r, 400, "BadRequest")
	r, _, _ = batch(t, c, many[:20])
	wantStatus(t, r, 200)
	r, _, _ = batch(t, c, []map[string]any{get("1", "/me"), get("1", "/me/photo")})
	if msg := wantError(t, r, 400, "BadRequest"); !strings.Contains(msg, "unique") {
		t.Errorf("duplicate ids message %q", msg)
	}
	r, _, _ = batch(t, c, nil)
	wantError(t, r, 400, "BadRequest")
	r, _, _ = batch(t, c, []map[string]any{get("1", "/me", "dependsOn", []string{"9"})})
	wantError(t, r, 400, "BadRequest")
	// A cycle is refused rather than served: each item would wait for
	// the other for ever.
	r, _, _ = batch(t, c, []map[string]any{get("a", "/me", "dependsOn", []string{"b"}), get("b", "/me", "dependsOn", []string{"c"}), get("c", "/me", "dependsOn", []string{"a"})})
	if msg := wantError(t, r, 400, "BadRequest"); !strings.Contains(msg, "depends on itself") {
		t.Errorf("dependency cycle message %q", msg)
	}
	wantError(t, c.do("POST", "/$batch", []byte("{not json")), 400, "BadRequest")
	wantError(t, c.get("/$batch"), 405, "Request_BadRequest")
}

func TestBatchItems(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	search := "/users?$search=" + url.QueryEscape(`"displayName:adele"`)
	r, items, order := batch(t, c, []map[string]any{
		get("photo", userPath(ex.FullHD)+"/photos/48x48/$value"),
		get("meta", userPath(ex.UpTo240)+"/photo"),
		get("none", userPath(ex.NoPhoto)+"/photo/$value"),
		get("search-no-header", search),
		get("search", search, "headers", map[string]string{"ConsistencyLevel": "eventual"}),
		get("after-photo", "/me?$select=displayName", "dependsOn", []string{"photo"}),
		get("after-none", "/me", "dependsOn", []string{"none"}),
		get("contact-size", "/me/contacts/"+ex.ContactWithPhoto.ID+"/photos/48x48/$value"),
		get("absolute", "https://graph.microsoft.com/v1.0/me"),
		get("versioned", "/v1.0/me/photo"),
		get("gif", userPath(ex.GIF1x1)+"/photo/$value"),
	})
	wantStatus(t, r, 200)
	want := []string{"photo", "meta", "none", "search-no-header", "search", "after-photo", "after-none", "contact-size", "absolute", "versioned", "gif"}
	if strings.Join(order, ",") != strings.Join(want, ",") {
		t.Errorf("response order %v", order)
	}
	status := map[string]int{
		"photo": 200, "meta": 200, "none": 404, "search-no-header": 400, "search": 200, "after-photo": 200,
		"after-none": 424, "contact-size": 400, "absolute": 400, "versioned": 200, "gif": 200,
	}
	for id, s := range status {
		if items[id].Status != s {
			t.Errorf("item %s: status %d, want %d (%s)", id, items[id].Status, s, items[id].Body)
		}
	}
	// photo bytes come back base64 with the image's headers
	var b64 string
	if err := json.Unmarshal(items["photo"].Body, &b64); err != nil {
		t.Fatalf("photo body is not a string: %s", items["photo"].Body)
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || !bytes.Equal(raw, mustBytes(t, ex.FullHD.ID, 48)) {
		t.Errorf("photo body does not decode to the photo (%v)", err)
	}
	info, _ := shared.Directory().PhotoInfo(ex.FullHD.ID, 48)
	if h := items["photo"].Headers; h["Content-Type"] != "image/jpeg" || h["ETag"] != info.ETag {
		t.Errorf("photo item headers %v", h)
	}
	var meta map[string]any
	if err := json.Unmarshal(items["meta"].Body, &meta); err != nil || meta["id"] != "240X240" {
		t.Errorf("metadata item body %s", items["meta"].Body)
	}
	var e struct{ Error struct{ Code string } }
	if err := json.Unmarshal(items["none"].Body, &e); err != nil || e.Error.Code != "ImageNotFound" {
		t.Errorf("no-photo item body %s", items["none"].Body)
	}
	var found struct{ Value []map[string]any }
	if err := json.Unmarshal(items["search"].Body, &found); err != nil || len(found.Value) != 1 {
		t.Errorf("search item body %s", items["search"].Body)
	}
	var gif string
	if err := json.Unmarshal(items["gif"].Body, &gif); err != nil {
		t.Errorf("gif body %s", items["gif"].Body)
	} else if raw, _ := base64.StdEncoding.DecodeString(gif); !bytes.HasPrefix(raw, []byte("GIF8")) {
		t.Errorf("gif body decodes to %q", raw)
	}
}

// TestBatchRunsFourPhotosAtOnce checks Outlook's rule inside one batch: of
// 20 photo items at most 4 are in flight together.
func TestBatchRunsFourPhotosAtOnce(t *testing.T) {
	h, c := isolated(t, 60)
	h.SetFaults(Faults{ServerTime: 40e6})
	var items []map[string]any
	for i, u := range h.dir.Users()[:20] {
		items = append(items, get(fmt.Sprint(i), "/users/"+u.ID+"/photos/48x48/$value"))
	}
	r, got, _ := batch(t, c, items)
	wantStatus(t, r, 200)
	n200 := 0
	for _, it := range got {
		if it.Status == 200 {
			n200++
		}
	}
	st := h.Stats()
	if st.PeakPhotoConcurrency != 4 {
		t.Errorf("peak photo concurrency %d, want 4", st.PeakPhotoConcurrency)
	}
	if st.Requests[KindBatch] != 1 || st.Requests[KindBatchItem] != 20 || st.Requests[KindPhotoBytes] != 20 {
		t.Errorf("requests %v", st.Requests)
	}
	if st.Statuses[200] != n200+1 || n200 == 0 {
		t.Errorf("statuses %v with %d items 200", st.Statuses, n200)
	}
}

// TestBatchItemsThrottledOneByOne checks that items over the app's
// concurrency limit come back 429 on their own, with a Retry-After.
func TestBatchItemsThrottledOneByOne(t *testing.T) {
	h, c := isolated(t, 30)
	h.SetFaults(Faults{ServerTime: 100e6, MaxPhotoConcurrency: 2, RetryAfter: "0.5"})
	var items []map[string]any
	for i, u := range h.dir.Users()[:8] {
		items = append(items, get(fmt.Sprint(i), "/users/"+u.ID+"/photo"))
	}
	_, got, _ := batch(t, c, items)
	throttled := 0
	for _, it := range got {
		if it.Status == 429 {
			throttled++
			if it.Headers["Retry-After"] != "0.5" || !strings.Contains(string(it.Body), "MailboxConcurrency") {
				t.Errorf("throttled item %v %s", it.Headers, it.Body)
			}
		}
	}
	if throttled == 0 || throttled == 8 {
		t.Errorf("%d of 8 items throttled, want some but not all", throttled)
	}
}

func TestBatchFaultHeaders(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	_, got, _ := batch(t, c, []map[string]any{
		get("a", "/me/photo", "headers", map[string]string{FaultsHeader: "throttle=1,retry-after=0.25"}),
		get("b", userPath(ex.FullHD)+"/photo"),
	})
	if got["a"].Status != 429 || got["a"].Headers["Retry-After"] != "0.25" || got["b"].Status != 200 {
		t.Errorf("item faults: a %d %v, b %d", got["a"].Status, got["a"].Headers, got["b"].Status)
	}
	r, got, _ := batch(t, c, []map[string]any{
		get("a", "/me"), get("b", "/me/photo"),
		get("c", "/me", "headers", map[string]string{FaultsHeader: "none"}),
	}, FaultsHeader+": throttle=1")
	wantStatus(t, r, 200)
	if got["a"].Status != 429 || got["b"].Status != 429 || got["c"].Status != 200 {
		t.Errorf("envelope faults: %d %d %d", got["a"].Status, got["b"].Status, got["c"].Status)
	}
	_, got, _ = batch(t, c, []map[string]any{get("a", "/me", "headers", map[string]string{FaultsHeader: "throttle=2"})})
	if got["a"].Status != 400 {
		t.Errorf("bad item fault header: %d", got["a"].Status)
	}
}

// A '#' in an item's URL ends it, as in any URL: a guest's UPN with an
// unescaped #EXT# names nobody; escaped, it names the guest.
func TestBatchItemURLEndsAtHash(t *testing.T) {
	c := demo(t)
	upn := shared.Directory().Examples().Guest.UserPrincipalName
	r, items, _ := batch(t, c, []map[string]any{
		get("raw", "/users/"+upn+"/photo"),
		get("escaped", "/users/"+url.PathEscape(upn)+"?$select=userPrincipalName"),
	})
	wantStatus(t, r, 200)
	if s := items["raw"].Status; s != 404 {
		t.Errorf("unescaped #EXT#: status %d, want 404", s)
	}
	if s := items["escaped"].Status; s != 200 || !strings.Contains(string(items["escaped"].Body), "#EXT#") {
		t.Errorf("escaped: status %d, body %s", s, items["escaped"].Body)
	}
}
