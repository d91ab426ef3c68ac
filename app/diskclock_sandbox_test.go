package app

import (
	"bytes"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// TestSandboxClockSetBackRevalidates: photos kept while the computer's
// clock ran a year ahead (a dead CMOS battery, a VM restored with the
// wrong time) are checked against Graph once the clock is put right,
// rather than believed fresh for the year it takes the clock to catch up;
// so a photo changed meanwhile shows, and "no photo" is asked again.
func TestSandboxClockSetBackRevalidates(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	changed, none := sbUser(tn.ex.FullHD), sbUser(tn.ex.NoPhoto)

	tn.clock.Advance(365 * 24 * time.Hour) // the clock is wrong
	e := tn.diskRun(t, dir)
	before, err := e.Photo(t.Context(), changed, "96x96")
	if err != nil {
		t.Fatal(err)
	}
	if r, err := e.Photo(t.Context(), none, "96x96"); err != nil || !r.NoPhoto {
		t.Fatalf("the person without a photo: %v %+v", err, r)
	}
	e.disk.cache.Settle()

	writer, err := tn.UserToken(tn.ex.Helpdesk.UserPrincipalName, "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	if err := tn.Client(writer).SetPhoto(t.Context(), changed.Subject, encodeJPEG(t, 300, 300), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	tn.clock.Advance(-365*24*time.Hour + time.Minute) // put right, a minute on
	tn.ResetStats()
	e = tn.diskRun(t, dir) // a restart
	after, err := e.Photo(t.Context(), changed, "96x96")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(after.Bytes, before.Bytes) {
		t.Error("the photo kept while the clock was ahead was shown without asking Graph; it has changed since")
	}
	if _, err := e.Photo(t.Context(), none, "96x96"); err != nil {
		t.Fatal(err)
	}
	if got := tn.Stats().Requests[sandbox.KindPhotoMeta]; got < 2 {
		t.Errorf("%d metadata requests after the clock was put right, want both people asked: %v", got, tn.Stats().Requests)
	}
}
