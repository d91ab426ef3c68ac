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
	if kept.reason = ReasonNoPhoto; !e.unchanged(kept, answer) {
		t.Error("ImageNotFound not read as \"no photo still\"")
	}
}

// A "no photo" is still so only for the same reason: a user without a
// mailbox when it was kept who has one now (a licence assigned) but no
// photo must no longer be said to have no mailbox, as the viewer reads
// the reason kept at the avatar's size.
func TestNoPhotoForAnotherReasonIsNotUnchanged(t *testing.T) {
	e := NewEngine(Config{})
	kept := &photoEntry{noPhoto: true, reason: ReasonNoMailbox}
	answer := graphapi.BatchResponse{Status: http.StatusNotFound, Err: &graphapi.Error{
		Status: http.StatusNotFound, Code: "ImageNotFound", InBatch: true, URL: "https://graph.microsoft.com/v1.0/users/patti/photo",
	}}
	if e.unchanged(kept, answer) {
		t.Error("ImageNotFound read as \"no mailbox still\"")
	}
	answer = graphapi.BatchResponse{Status: http.StatusBadRequest, Err: &graphapi.Error{
		Status: http.StatusBadRequest, Code: "AuthenticationError", InBatch: true, URL: "https://graph.microsoft.com/v1.0/users/patti/photo",
	}}
	if !e.unchanged(kept, answer) {
		t.Error("AuthenticationError not read as \"no mailbox still\"")
	}
	kept.reason = ReasonNoPhoto
	if e.unchanged(kept, answer) {
		t.Error("AuthenticationError read as \"no photo uploaded still\"")
	}
	placeholder := graphapi.BatchResponse{Status: http.StatusOK, Body: []byte(`{"@odata.mediaContentType":"image/gif","@odata.mediaEtag":"","id":"1x1","width":1,"height":1}`)}
	if !e.unchanged(kept, placeholder) {
		t.Error("the 1x1 placeholder not read as \"no photo uploaded still\"")
	}
	kept.reason = ReasonNoMailbox
	if e.unchanged(kept, placeholder) {
		t.Error("the 1x1 placeholder read as \"no mailbox still\"")
	}
}
