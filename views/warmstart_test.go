package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// TestWarmedUpWindowShowsListAndPhotoAtOnce: when the engine's head start
// (WarmUp) is already here as the main window is built, the window shows
// the first page and the first person's photo while it is being built —
// in its first frame, not a goroutine's round and a frame or two later.
func TestWarmedUpWindowShowsListAndPhotoAtOnce(t *testing.T) {
	a := test.NewTempApp(t)
	tn := startTenant(t)
	eng := tn.engine(tn.Token, graphapi.RetryPolicy{})
	size := defaultPhotoSize(a.Preferences())
	eng.WarmUp(t.Context(), app.KindUser, size)
	// Who comes first, asked of another engine so the head start stays
	// untaken; its photo in memory means the page is here too.
	first, err := tn.engine(tn.Token, graphapi.RetryPolicy{}).Search(app.KindUser, "").Next(t.Context())
	if err != nil || len(first) == 0 {
		t.Fatalf("first page: %d people, %v", len(first), err)
	}
	deadline := time.After(10 * time.Second)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for _, ok := eng.PhotoInMemory(first[0], size); !ok; _, ok = eng.PhotoInMemory(first[0], size) {
		select {
		case <-deadline:
			t.Fatal("WarmUp never had the first photo in memory")
		case <-tick.C:
		}
	}

	q := newUIQueue()
	m := newTestMainWindow(a, eng, q.do, &fakeClipboard{}, nil, nil)
	defer m.w.Close()
	if got := len(m.sidebar.results); got == 0 {
		t.Fatal("the list was empty when the window was built, though its page was here")
	}
	if m.person == nil || m.person.ID != first[0].ID {
		t.Fatalf("opened %v, want the first person %s", m.person, first[0].DisplayName)
	}
	if m.viewer.shown == nil || m.viewer.shown.Person.ID != first[0].ID {
		t.Fatalf("viewer shows %+v, want %s's photo", m.viewer.shown, first[0].DisplayName)
	}
}
