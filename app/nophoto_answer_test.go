package app

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// A "no photo" result keeps the request id and URL of the answer that said
// so: helpdesk staff put them in a support ticket when a photo is missing.
func TestNoPhotoResultNamesTheAnswer(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	ex := tn.ex
	for _, tt := range []struct {
		name string
		p    Person
		size graphapi.Size
	}{
		{"404", sbUser(ex.NoPhoto), graphapi.SizeLargest},
		{"404 at a size", sbUser(ex.NoPhoto), "240x240"},
		{"1x1 placeholder", sbUser(ex.GIF1x1), graphapi.SizeLargest},
		{"group", sbGroup(ex.GroupNoPhoto), "48x48"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tn.e.Photo(t.Context(), tt.p, tt.size)
			if err != nil {
				t.Fatal(err)
			}
			if !r.NoPhoto {
				t.Fatalf("NoPhoto = false, want a no-photo result")
			}
			if r.RequestID == "" || !strings.Contains(r.URL, tt.p.ID) || !strings.Contains(r.URL, "/photo") {
				t.Errorf("request id %q, URL %q: want the no-photo answer's", r.RequestID, r.URL)
			}
		})
	}
}
