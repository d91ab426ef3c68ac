package importer

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// picture writes a w x h picture (JPEG, or PNG for a .png name) into dir.
func picture(t testing.TB, dir, name string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 7), uint8(y * 5), uint8(len(name) * 20), 255})
		}
	}
	var buf bytes.Buffer
	var err error
	if strings.HasSuffix(name, ".png") {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// fakeDirectory is a directory in memory that counts its calls.
type fakeDirectory struct {
	mu     sync.Mutex
	users  []User
	photos map[string]bool
	// checkErr fails the photo check of these ids.
	checkErr map[string]error
	// refuse makes a query holding such a value a 400, as Graph answers
	// a filter it cannot parse.
	refuse  func(value string) bool
	queries []Query
	calls   int
}

func (d *fakeDirectory) FindUsers(_ context.Context, qs []Query) ([]Found, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls++
	d.queries = append(d.queries, qs...)
	out := make([]Found, len(qs))
	for i, q := range qs {
		if d.refuse != nil && slices.ContainsFunc(q.Values, d.refuse) {
			out[i].Err = &graphapi.Error{Status: 400, Code: "Request_UnsupportedQuery", Message: "Unsupported Query.", InBatch: true}
			continue
		}
		for _, u := range d.users {
			for _, v := range q.Values {
				if strings.EqualFold(fieldOf(u, q.Field), v) {
					out[i].Users = append(out[i].Users, u)
					break
				}
			}
		}
	}
	return out, nil
}

func (d *fakeDirectory) HasPhotos(_ context.Context, ids []string) ([]PhotoCheck, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls++
	out := make([]PhotoCheck, len(ids))
	for i, id := range ids {
		out[i].Has, out[i].Err = d.photos[id], d.checkErr[id]
	}
	return out, nil
}

func fieldOf(u User, field string) string {
	for _, r := range AllRules {
		if r.field() == field {
			return r.value(u)
		}
	}
	return ""
}
