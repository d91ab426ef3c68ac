package app

import (
	"context"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

func hasPhoto(k sandbox.PhotoKind) bool {
	switch k {
	case sandbox.PhotoNone, sandbox.PhotoLegacyMissing, sandbox.PhotoGIF1x1:
		return false
	}
	return true
}

// TestSandboxAvatarsUnderFaults: with throttling, 503s and the four-photo
// rule on, every person still gets exactly one avatar, and it is the right
// kind (picture or initials).
func TestSandboxAvatarsUnderFaults(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	users := tn.Dir.Users()[:70]
	people := make([]Person, len(users))
	for i, u := range users {
		people[i] = sbUser(u)
	}
	tn.SetFaults(sandbox.Faults{MaxPhotoConcurrency: 4, ThrottleRate: 0.2, RetryAfter: "0.01", UnavailableRate: 0.05})
	got := collectAvatars(t, tn.e, people)
	for i, u := range users {
		a := got[i]
		if a.Err != nil {
			t.Errorf("%s (%v): %v", u.UserPrincipalName, u.Photo, a.Err)
			continue
		}
		if want := hasPhoto(u.Photo); want != (a.Image != nil) || a.NoPhoto == want {
			t.Errorf("%s (%v): image %v, no photo %v", u.UserPrincipalName, u.Photo, a.Image != nil, a.NoPhoto)
		}
	}
	if st := tn.Stats(); st.Statuses[429] == 0 {
		t.Logf("no 429 was provoked this run: %v", st.Statuses)
	}
}

func TestSandboxAvatarsOfMixedKinds(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	ex := tn.ex
	people := []Person{
		sbUser(ex.FullHD), sbUser(ex.EntraOnly), sbUser(ex.PNG), sbUser(ex.NoPhoto), sbUser(ex.GIF1x1),
		sbGroup(ex.Sales), sbGroup(ex.GroupNoPhoto), sbContact(ex.ContactWithPhoto, ""), sbContact(ex.FolderContact, ex.Folder.ID),
	}
	want := []bool{true, true, true, false, false, true, false, true, true}
	got := collectAvatars(t, tn.e, people)
	for i, w := range want {
		if got[i].Err != nil || (got[i].Image != nil) != w {
			t.Errorf("%s: %+v", people[i], got[i])
		}
	}
	tn.ResetStats()
	collectAvatars(t, tn.e, people)
	if n := len(tn.Stats().Requests); n != 0 {
		t.Errorf("cached avatars made requests: %v", tn.Stats().Requests)
	}
}

// TestSandboxRapidSelection drives Latest with real photo loads: people are
// selected one after another faster than the tenant answers (each request
// takes 20 ms); only the last person's photo may reach the "screen".
func TestSandboxRapidSelection(t *testing.T) {
	tn := startTenant(t, sandbox.Options{Faults: sandbox.Faults{Latency: 20e6}})
	users := tn.Dir.Users()[:40]
	var l Latest
	ui := make(chan func(), len(users)*2)
	var shown []string
	uiDone := make(chan struct{})
	go func() {
		defer close(uiDone)
		for f := range ui {
			f()
		}
	}()
	var loads sync.WaitGroup
	var mu sync.Mutex
	answered := 0
	for i, u := range users {
		p := sbUser(u)
		ctx, isCurrent := l.Start(context.Background())
		if i%2 == 1 {
			// This answer is already on the wire: cancelling cannot stop it,
			// so only isCurrent keeps it off the screen.
			ctx = context.WithoutCancel(ctx)
		}
		loads.Go(func() {
			r, err := tn.e.Photo(ctx, p, "48x48")
			if err == nil {
				mu.Lock()
				answered++
				mu.Unlock()
			}
			ui <- func() {
				if isCurrent() {
					if err != nil {
						t.Errorf("current load failed: %v", err)
						return
					}
					shown = append(shown, r.Person.ID)
				}
			}
		})
	}
	loads.Wait()
	close(ui)
	<-uiDone
	if len(shown) != 1 || shown[0] != users[len(users)-1].ID {
		t.Fatalf("shown %v, want only the last person %s", shown, users[len(users)-1].ID)
	}
	if answered < len(users)/2 {
		t.Fatalf("only %d loads answered; the late answers were not exercised", answered)
	}
}

// What the avatars learnt of people without a photo is what the viewer
// then reads at 48x48 from the disk cache: it keeps Graph's reason (no
// mailbox is not "no photo uploaded"), request id and URL, as the viewer's
// own answer would.
func TestSandboxAvatarNoPhotoKeepsTheAnswer(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	ex := tn.ex
	e := tn.diskRun(t, t.TempDir())
	people := []Person{sbUser(ex.NoMailbox), sbUser(ex.NoPhoto), sbUser(ex.GIF1x1)}
	collectAvatars(t, e, people)
	tn.ResetStats()
	for i, want := range []string{ReasonNoMailbox, ReasonNoPhoto, ReasonNoPhoto} {
		r, err := e.Photo(context.Background(), people[i], "48x48")
		// The 1x1 image came in a $batch item, whose answer has no
		// request id of its own; an error's does.
		idKnown := r != nil && (r.RequestID != "" || people[i] == sbUser(ex.GIF1x1))
		if err != nil || !r.NoPhoto || r.NoPhotoReason != want || !idKnown || r.URL == "" {
			t.Errorf("%s at 48x48: %+v, %v; want %q with the answer's request id and URL", people[i], r, err, want)
		}
	}
	if n := tn.Stats().Requests[sandbox.KindPhotoBytes]; n != 0 {
		t.Errorf("the viewer asked again (%d requests) instead of reading what the avatars kept", n)
	}
}
