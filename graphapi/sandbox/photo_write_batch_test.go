package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"sync"
	"testing"
)

// TestPhotoWritesInBatch: $batch items may PUT (the image as a base64
// body, as JSON batching carries non-JSON bodies) and DELETE photos, and
// later items see the change.
func TestPhotoWritesInBatch(t *testing.T) {
	h, c := writer(t, helpdesk, allWriteScopes...)
	ex := h.dir.Examples()
	p := "/users/" + ex.NoPhoto.ID
	img := base64.StdEncoding.EncodeToString(twoTone(t, 240, 240))
	body, _ := json.Marshal(map[string]any{"requests": []map[string]any{
		{"id": "1", "method": "PUT", "url": p + "/photo/$value", "headers": map[string]string{"Content-Type": "image/jpeg"}, "body": img},
		{"id": "2", "method": "GET", "url": p + "/photo", "dependsOn": []string{"1"}},
		{"id": "3", "method": "GET", "url": p + "/photos", "dependsOn": []string{"2"}},
		{"id": "4", "method": "GET", "url": p + "/photos/120x120/$value", "dependsOn": []string{"3"}},
		{"id": "5", "method": "PATCH", "url": "/me/photo/$value", "headers": map[string]string{"Content-Type": "image/jpeg"}, "body": "bm90IGFuIGltYWdl"},
		{"id": "6", "method": "DELETE", "url": "/groups/" + ex.Sales.ID + "/photo"},
		{"id": "7", "method": "GET", "url": "/groups/" + ex.Sales.ID + "/photo", "dependsOn": []string{"6"}},
		{"id": "8", "method": "DELETE", "url": "/me/contacts/" + ex.ContactWithPhoto.ID + "/photo"},
	}})
	r := c.do("POST", "/$batch", body)
	wantStatus(t, r, 200)
	var env struct {
		Responses []struct {
			ID      string            `json:"id"`
			Status  int               `json:"status"`
			Headers map[string]string `json:"headers"`
			Body    json.RawMessage   `json:"body"`
		} `json:"responses"`
	}
	if err := json.Unmarshal(r.body, &env); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, it := range env.Responses {
		got[it.ID] = it.Status
		switch it.ID {
		case "1":
			if len(it.Body) != 0 {
				t.Errorf("PUT item answered a body: %s", it.Body)
			}
		case "2":
			var m map[string]any
			if json.Unmarshal(it.Body, &m) != nil || m["id"] != "240X240" {
				t.Errorf("GET after PUT in the batch: %s", it.Body)
			}
		case "3":
			var list struct{ Value []any }
			if json.Unmarshal(it.Body, &list) != nil || len(list.Value) != 5 {
				t.Errorf("/photos after the 240 upload: %s", it.Body)
			}
		case "4":
			var s string
			_ = json.Unmarshal(it.Body, &s)
			raw, _ := base64.StdEncoding.DecodeString(s)
			if cfg, format, err := image.DecodeConfig(bytes.NewReader(raw)); err != nil || format != "jpeg" || cfg.Width != 120 {
				t.Errorf("120x120 bytes in the batch: %s %d %v", format, cfg.Width, err)
			}
		case "7":
			var e struct{ Error struct{ Code string } }
			if json.Unmarshal(it.Body, &e) != nil || e.Error.Code != "ImageNotFound" {
				t.Errorf("GET after DELETE in the batch: %s", it.Body)
			}
		}
	}
	want := map[string]int{"1": 200, "2": 200, "3": 200, "4": 200, "5": 400, "6": 204, "7": 404, "8": 405}
	for id, st := range want {
		if got[id] != st {
			t.Errorf("item %s: status %d, want %d", id, got[id], st)
		}
	}
	// and the changes outlive the batch
	if m := c.get(p + "/photo").json(t); m["id"] != "240X240" {
		t.Errorf("after the batch: %v", m)
	}
	st := h.Stats()
	if st.Requests[KindPhotoWrite] != 2 || st.Requests[KindPhotoDelete] != 2 || st.Requests[KindBatchItem] != 8 {
		t.Errorf("stats %v", st.Requests)
	}
}

// TestPhotoWriteStatsAndObserve: writes are counted under their own kinds,
// take a photo slot like reads, and are reported to the observer.
func TestPhotoWriteStatsAndObserve(t *testing.T) {
	h, c := writer(t, helpdesk, allWriteScopes...)
	var (
		mu   sync.Mutex
		seen []Seen
	)
	h.Observe(func(s Seen) {
		mu.Lock()
		seen = append(seen, s)
		mu.Unlock()
	})
	wantStatus(t, c.put("/me/photo/$value", twoTone(t, 64, 64), "image/jpeg"), 200)
	wantStatus(t, c.do("DELETE", "/me/photo", nil), 204)
	wantStatus(t, c.do("DELETE", "/me/contacts/"+h.dir.Examples().ContactWithPhoto.ID+"/photo", nil), 405)
	h.Observe(nil)
	st := h.Stats()
	// PeakPhotoConcurrency counts only Outlook-backed photo requests: the
	// writes took a slot under the four-concurrent rule like reads.
	if st.Requests[KindPhotoWrite] != 1 || st.Requests[KindPhotoDelete] != 2 || st.Statuses[405] != 1 || st.PeakPhotoConcurrency != 1 {
		t.Errorf("stats %+v", st)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 3 || seen[0].Kind != KindPhotoWrite || seen[0].Method != "PUT" || seen[0].Caller != helpdesk ||
		seen[1].Kind != KindPhotoDelete || seen[1].Status != 204 || seen[2].Status != 405 {
		t.Errorf("observed %+v", seen)
	}
}

// TestPhotoWritesConcurrent: uploads, deletes and reads of one photo at
// once (run with -race): every read is a whole photo whose ETag and
// bytes belong together.
func TestPhotoWritesConcurrent(t *testing.T) {
	h, c := writer(t, helpdesk, allWriteScopes...)
	p := "/users/" + h.dir.Examples().FullHD.ID
	small, large := twoTone(t, 120, 120), twoTone(t, 504, 504)
	var mu sync.Mutex
	sizeOf := map[string]int{} // ETag -> width served with it
	parallel(24, func(i int) {
		switch i % 4 {
		case 0:
			c.put(p+"/photo/$value", small, "image/jpeg")
		case 1:
			c.put(p+"/photo/$value", large, "image/jpeg")
		case 2:
			c.do("DELETE", p+"/photo", nil)
		default:
			r := c.get(p + "/photo/$value")
			if r.status == 404 {
				return
			}
			cfg, _, err := image.DecodeConfig(bytes.NewReader(r.body))
			if r.status != 200 || err != nil {
				t.Errorf("read during writes: %d %v", r.status, err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			etag := r.header.Get("ETag")
			if w, ok := sizeOf[etag]; ok && w != cfg.Width {
				t.Errorf("ETag %s served at %d and %d wide", etag, w, cfg.Width)
			}
			sizeOf[etag] = cfg.Width
		}
	})
}
