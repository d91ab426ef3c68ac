package export

import (
	"bytes"
	"image"
	"image/jpeg"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// photoItem is a $batch answer carrying photo bytes, as Graph sends them.
func photoItem(data []byte) *batchItem {
	return &batchItem{
		Status:  http.StatusOK,
		Headers: map[string]string{"Content-Type": "image/jpeg", "ETag": `"1"`},
		Body:    data, // JSON writes bytes as the base64 string Graph sends
	}
}

// testJPEG is a small whole JPEG and damaged returns it cut short
// differently each time, as a dropped connection does.
func testJPEG(t *testing.T) (whole []byte, damaged func(n int) []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 96, 96)), nil); err != nil {
		t.Fatal(err)
	}
	whole = b.Bytes()
	return whole, func(n int) []byte { return whole[:len(whole)/2+n] }
}

// TestDamagedTransferIsReadAgain: a photo cut short on the way (a flaky
// VPN, a proxy) was an error row, "corrupt photo … not a JPEG, PNG or GIF
// image", for a person whose photo is fine; the engine reads it again, as
// a change does before its backup, and saves it whole. A photo that
// arrives damaged the same way twice is what Graph holds: an error row
// after two reads, without a third.
func TestDamagedTransferIsReadAgain(t *testing.T) {
	whole, damaged := testJPEG(t)
	var mu sync.Mutex
	reads := map[string]int{}
	client := fakeBatchGraph(t, 1, func(url, entry string) *batchItem {
		if !strings.Contains(url, "/photo") {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		reads[entry]++
		switch {
		case strings.HasPrefix(entry, "flaky") && reads[entry] < 3:
			return photoItem(damaged(reads[entry]))
		case strings.HasPrefix(entry, "broken"):
			return photoItem(damaged(0))
		}
		return photoItem(whole)
	})
	_, rows, dir, err := exportRun(t, t.Context(), Options{
		Client: client, Source: Source{People: []string{"flaky@contoso.com", "broken@contoso.com"}},
		Sizes: Sizes{Mode: ModeOne, Size: graphapi.SizeLargest},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(t, rows)
	if r := got["flaky@contoso.com"]; r.Status != StatusOK || r.Width != 96 {
		t.Errorf("a photo damaged twice on the way, whole the third time: row %+v, want ok", r)
	}
	r := got["broken@contoso.com"]
	if r.Status != StatusError || !strings.Contains(r.Error, "the same damaged photo twice") {
		t.Errorf("a photo damaged the same way every time: row %+v, want an error saying Graph sent it so twice", r)
	}
	mu.Lock()
	if n := reads["broken@contoso.com"]; n != 2 {
		t.Errorf("the damaged photo was read %d times, want 2", n)
	}
	mu.Unlock()
	checkFiles(t, dir, rows)
}
