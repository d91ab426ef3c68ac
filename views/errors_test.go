package views

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

func TestMissingPermissionIsExplained(t *testing.T) {
	h := newHarnessWith(t, harnessOptions{scopes: []string{"User.ReadBasic.All", "User.Read"}})
	h.waitResults()
	h.m.sidebar.kind.SetSelected(kindGroups)
	h.waitFor("an error note", func() bool { return !h.m.sidebar.loading && h.m.sidebar.note.Visible() })
	note := h.m.sidebar.note.Text
	if !strings.Contains(note, "Group.Read.All") || !strings.Contains(note, "admin") {
		t.Errorf("note = %q, want the missing permission and how to grant it", note)
	}
	if len(h.m.sidebar.results) != 0 {
		t.Errorf("%d results despite the 403", len(h.m.sidebar.results))
	}
}

// TestGroupPhotoDeniedToASignedInPerson: a person signed in without leave
// to read group photos was told first of the applications' known 403
// (Exchange answers both with ErrorAccessDenied). The viewer names their
// missing permission, and says nothing of applications.
func TestGroupPhotoDeniedToASignedInPerson(t *testing.T) {
	h := newHarnessWith(t, harnessOptions{scopes: []string{"User.ReadBasic.All", "User.Read", "GroupMember.Read.All"}})
	h.waitResults()
	sales := h.tenant.Dir.Examples().Sales
	h.m.open(app.PersonFromGroup(graphapi.GroupInfo{ID: sales.ID, DisplayName: sales.DisplayName}))
	h.waitFor("the group's answer", func() bool { return !h.m.viewer.loading.Visible() && h.m.viewer.message.Text != "" })
	got := h.m.viewer.message.Text
	for _, want := range []string{"signed-in account", "ProfilePhoto.Read.All (or Group.Read.All)", "admin consent"} {
		if !strings.Contains(got, want) {
			t.Errorf("group photo denied to a person shows %q, want %q", got, want)
		}
	}
	if strings.Contains(got, "application") {
		t.Errorf("group photo denied to a person shows %q: the applications' limitation", got)
	}
}

func TestThrottlingShowsTheWaitAndCarriesOn(t *testing.T) {
	throttle := NewThrottle()
	h := newHarnessWith(t, harnessOptions{throttle: throttle, retry: graphapi.RetryPolicy{MaxAttempts: 50, Sleep: throttle.Sleep}})
	h.waitResults()
	h.waitIdle()
	nestor := h.tenant.Dir.Examples().NoPhoto
	h.search(nestor.DisplayName)
	h.waitFor("Nestor", func() bool { return h.resultIndex(nestor.UserPrincipalName) >= 0 })
	h.waitIdle()

	h.tenant.SetFaults(sandbox.Faults{ThrottleRate: 1, RetryAfter: "0.2"})
	h.m.sidebar.list.Select(h.resultIndex(nestor.UserPrincipalName))
	h.waitFor("the throttle notice", func() bool { return h.m.status.throttle.Visible() })
	if got := h.m.status.throttle.Text; got != "throttled — waiting 1 s" {
		t.Errorf("status = %q, want the wait rounded up", got)
	}
	h.tenant.SetFaults(sandbox.Faults{})
	h.waitShown(nestor.DisplayName)
	h.waitFor("the notice to clear", func() bool { return !h.m.status.throttle.Visible() })
	if !h.m.viewer.noPhoto.Visible() {
		t.Errorf("viewer = %s, want the load to finish after the throttling", h.m.viewer.describe())
	}
}

func TestThrottleSleepHonoursCancel(t *testing.T) {
	th := NewThrottle()
	changes := make(chan int, 4)
	th.listen(func() { n, _ := th.state(); changes <- n })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- th.Sleep(ctx, time.Hour) }()
	if n := <-changes; n != 1 {
		t.Fatalf("waiting = %d on sleep, want 1", n)
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("a cancelled sleep returned nil")
	}
	if n := <-changes; n != 0 {
		t.Fatalf("waiting = %d after the sleep, want 0", n)
	}
	if got := throttleText(0, 0); got != "" {
		t.Errorf("idle text = %q", got)
	}
	if got := throttleText(2, 2100*time.Millisecond); got != "throttled — waiting 3 s" {
		t.Errorf("text = %q", got)
	}
}

// The status bar's wait is the time left of those asleep now: a 60 s wait
// that ended left "waiting 60 s" shown while a 1 s one ran.
func TestThrottleShowsTheWaitLeftOfThoseAsleep(t *testing.T) {
	th := NewThrottle()
	changes := make(chan struct{}, 8)
	th.listen(func() { changes <- struct{}{} })
	long, endLong := context.WithCancel(context.Background())
	short, endShort := context.WithCancel(context.Background())
	defer endShort()
	longDone, shortDone := make(chan error), make(chan error)
	go func() { longDone <- th.Sleep(long, time.Minute) }()
	<-changes
	go func() { shortDone <- th.Sleep(short, time.Second) }()
	<-changes
	if n, left := th.state(); n != 2 || left <= 50*time.Second {
		t.Fatalf("state = %d, %v; want 2 asleep, nearly a minute left", n, left)
	}
	endLong()
	<-longDone
	<-changes
	if n, left := th.state(); n != 1 || left > time.Second {
		t.Errorf("state = %d, %v after the minute's wait ended; want 1 asleep, at most a second left", n, left)
	}
	endShort()
	<-shortDone
}

// TestExportDialogShowsClientWaits is the last part of issue 14's defect
// 1 in the window: the Graph client's own Retry-After waits inside an
// export were shown only in the status bar, which the modal dialog
// covers. The dialog says it is waiting, and Cancel stops the run.
func TestExportDialogShowsClientWaits(t *testing.T) {
	throttle := NewThrottle()
	h := newHarnessWith(t, harnessOptions{throttle: throttle, retry: graphapi.RetryPolicy{MaxAttempts: 1000, MaxWait: time.Hour, Sleep: throttle.Sleep}})
	h.waitResults()
	h.waitIdle()
	h.tenant.SetFaults(sandbox.Faults{ThrottleRate: 1, RetryAfter: "0.5"})
	r := h.m.startExport(export.Options{Source: export.Source{AllUsers: true}, Sizes: export.Sizes{Mode: export.ModeOne, Size: graphapi.SizeLargest}, Dir: t.TempDir()})
	h.waitFor("the wait in the export dialog", func() bool {
		return strings.Contains(r.text.Text, "throttled — waiting 1 s (Cancel stops the export")
	})
	test.Tap(r.button)
	h.waitFor("the export to stop", func() bool { return r.button.Text == "Close" })
	if text := r.text.Text; !strings.HasPrefix(text, "Stopped early") {
		t.Errorf("after Cancel: %q", text)
	}
}
