package app

import (
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// TestHistoricAnswersReadAsNoPhoto: the answers older tenants sent, each
// from its sandbox person, are "no photo" (or "not at this size"), never a
// failure.
func TestHistoricAnswersReadAsNoPhoto(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	ex := tn.ex
	for _, tt := range []struct {
		name   string
		p      Person
		size   graphapi.Size
		reason string
	}{
		{"old GetUserPhoto code", sbUser(ex.GetUserPhoto), graphapi.SizeLargest, ReasonNoPhoto},
		{"old GetUserPhoto code at a size", sbUser(ex.GetUserPhoto), "96x96", ReasonNoPhoto},
		{"no mailbox", sbUser(ex.NoMailbox), graphapi.SizeLargest, ReasonNoMailbox},
		{"no mailbox at a size", sbUser(ex.NoMailbox), "240x240", ReasonNoMailbox},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tn.e.Photo(t.Context(), tt.p, tt.size)
			if err != nil {
				t.Fatalf("%v (%s)", err, Friendly(err))
			}
			if !r.NoPhoto || r.NoPhotoReason != tt.reason {
				t.Errorf("NoPhoto %v, reason %q; want %q", r.NoPhoto, r.NoPhotoReason, tt.reason)
			}
			av, err := tn.e.AvailableSizes(t.Context(), tt.p)
			if err != nil || len(av) != 0 {
				t.Errorf("AvailableSizes = %v, %v; want none", av, err)
			}
		})
	}

	// A missing size answered by the old text/plain 404 falls back to the
	// largest smaller size, as Graph's JSON 404 does.
	p := sbUser(ex.TextPlainSize)
	r, err := tn.e.Photo(t.Context(), p, "648x648")
	if err != nil {
		t.Fatalf("text/plain 404 for a size: %v", err)
	}
	if r.NoPhoto || r.Served != "240x240" || r.Width != 240 || r.FallbackNote() == "" {
		t.Errorf("served %q (%dx%d, no photo %v, note %q); want 240x240 with a note", r.Served, r.Width, r.Height, r.NoPhoto, r.FallbackNote())
	}
	_, err = tn.Client(tn.Token).PhotoBytes(t.Context(), p.Subject, "360x360")
	if !graphapi.IsNoPhoto(err) {
		t.Errorf("the client reads a text/plain 404 as %v, want no photo at that size", err)
	}
}

// TestEntraOnlySizePicker: an Entra-only photo has no HD sizes, so every
// size the picker offers shows the one photo at its own dimensions, and
// the picker has nothing to list.
func TestEntraOnlySizePicker(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	p := sbUser(tn.ex.EntraOnly)
	av, err := tn.e.AvailableSizes(t.Context(), p)
	if err != nil || len(av) != 0 {
		t.Fatalf("AvailableSizes = %v, %v; want none (only the default photo)", av, err)
	}
	for _, size := range []graphapi.Size{graphapi.SizeLargest, "48x48", "240x240", "648x648"} {
		r, err := tn.e.Photo(t.Context(), p, size)
		if err != nil {
			t.Fatalf("%s: %v", size, err)
		}
		if r.NoPhoto || r.Width != 400 || r.Height != 300 || r.Served != graphapi.SizeLargest {
			t.Errorf("%s: served %q %dx%d (no photo %v); want the 400x300 default", size, r.Served, r.Width, r.Height, r.NoPhoto)
		}
		if len(r.Available) != 0 {
			t.Errorf("%s: Available %v", size, r.Available)
		}
		if want := string(size) + " not uploaded — showing the only photo (400x300)"; size != graphapi.SizeLargest && r.FallbackNote() != want {
			t.Errorf("%s: note %q, want %q", size, r.FallbackNote(), want)
		}
	}
}
