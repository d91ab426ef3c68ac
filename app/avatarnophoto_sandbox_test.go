package app

import (
	"net/http"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// TestSandboxNoPhotoAvatarsCheckedByMetadata: past the 15 minutes "no
// photo" lives on disk, a restart checks each person without a photo by
// the metadata of their default photo — one request and no bytes, where
// each was asked for their bytes twice (the avatar's size, then the
// default) and the old placeholder's bytes were downloaded — and a person
// given a photo meanwhile gets it.
func TestSandboxNoPhotoAvatarsCheckedByMetadata(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	people := []Person{
		sbUser(tn.ex.NoPhoto), sbUser(tn.ex.LegacyNoPhoto), sbUser(tn.ex.GetUserPhoto), sbUser(tn.ex.GIF1x1),
		sbUser(tn.ex.NoMailbox), sbGroup(tn.ex.GroupNoPhoto),
		sbUser(tn.ex.Frontdesk), // given a photo between the runs
	}
	given := len(people) - 1
	for i, a := range collectAvatars(t, tn.diskRun(t, dir), people) {
		if !a.NoPhoto {
			t.Fatalf("%s: first run %+v, want no photo", people[i], a)
		}
	}
	writer, err := tn.UserToken(tn.ex.Helpdesk.UserPrincipalName, "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	if err := tn.Client(writer).SetPhoto(t.Context(), people[given].Subject, encodeJPEG(t, 300, 300), "image/jpeg"); err != nil {
		t.Fatal(err)
	}

	tn.clock.Advance(2 * time.Hour)
	tn.ResetStats()
	second := collectAvatars(t, tn.diskRun(t, dir), people)
	st := tn.Stats()
	if got := st.Requests[sandbox.KindPhotoMeta]; got != len(people) {
		t.Errorf("%d metadata requests, want one per person (%d): %v", got, len(people), st.Requests)
	}
	if got := st.Requests[sandbox.KindPhotoBytes]; got != 1 {
		t.Errorf("photo bytes requested %d times, want once, for the photo given: %v", got, st.Requests)
	}
	for i, a := range second {
		switch {
		case i == given && a.Image == nil:
			t.Errorf("%s, given a photo since, shows %+v", people[i], a)
		case i != given && !a.NoPhoto:
			t.Errorf("%s: second run %+v, want no photo", people[i], a)
		}
	}
}

// A personal account's photo metadata is never served
// (ConsumerPhotoIsNotSupported): it cannot say a "no photo" kept on disk
// still holds, so the bytes are asked for again.
func TestNoPhotoOfAPersonalAccountIsNotCheckedByMetadata(t *testing.T) {
	e := NewEngine(Config{})
	kept := &photoEntry{noPhoto: true, reason: ReasonPersonal}
	answer := graphapi.BatchResponse{Status: http.StatusNotFound, Err: &graphapi.Error{
		Status: http.StatusNotFound, Code: "ConsumerPhotoIsNotSupported", InBatch: true, URL: "https://graph.microsoft.com/v1.0/me/photo",
	}}
	if e.unchanged(kept, answer) {
		t.Error("ConsumerPhotoIsNotSupported read as \"no photo still\"")
	}
	answer.Err = &graphapi.Error{Status: http.StatusNotFound, Code: "ImageNotFound", InBatch: true, URL: "https://graph.microsoft.com/v1.0/me/photo"}
	if !e.unchanged(kept, answer) {
		t.Error("ImageNotFound not read as \"no photo still\"")
	}
}
