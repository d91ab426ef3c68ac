package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/session"
)

func TestStatusBarWords(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		st   session.Status
		want string
	}{
		{session.Status{Demo: true}, "Sandbox tenant"},
		{session.Status{Demo: true, Account: "helpdesk@contoso.onmicrosoft.com"}, "Sandbox tenant · helpdesk@contoso.onmicrosoft.com"},
		{session.Status{Account: "ann@fabrikam.com", Tenant: "fabrikam.com"}, "ann@fabrikam.com"},
		{session.Status{}, "Not signed in"},
	} {
		if got := newStatusBar(c.st).account.Text; got != c.want {
			t.Errorf("account for %+v = %q, want %q", c.st, got, c.want)
		}
	}
	s := newStatusBar(session.Status{APIVersion: "beta", Tenant: "fabrikam.com", Notice: "tokens kept in memory only"})
	if s.api.Text != "Graph beta" || s.tenant.Text != "Tenant fabrikam.com" || s.notice.Text != "tokens kept in memory only" {
		t.Errorf("labels: %q, %q, %q", s.api.Text, s.tenant.Text, s.notice.Text)
	}
	w := test.NewTempWindow(t, s.content)
	w.Resize(w.Content().MinSize().AddWidthHeight(600, 0))
	s.setActivity("Searching…")
	if s.notice.Size().Width == 0 || s.activity.Size().Width == 0 {
		t.Errorf("notice %v and activity %v must both have room", s.notice.Size(), s.activity.Size())
	}
	s.setThrottle("throttled — waiting 2 s")
	if !s.throttle.Visible() {
		t.Error("throttle notice hidden")
	}
	s.setThrottle("")
	if s.throttle.Visible() {
		t.Error("throttle notice still shown")
	}
	// The notice can be read whole, however narrow the bar cuts it.
	s.explainNoticeIn(w)
	test.Tap(s.noticeMore)
	shown := false
	for _, o := range w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if l, ok := obj.(*widget.Label); ok && l.Text == "tokens kept in memory only" {
				shown = true
			}
		}
	}
	if !shown {
		t.Error("the info button did not show the whole notice")
	}
}

// Two stoppable jobs at once share the Stop link: a tap stops both (once
// each, however often it is tapped), and the link stays until the last
// has ended.
func TestStopLinkStopsEveryJobRunning(t *testing.T) {
	test.NewTempApp(t)
	s := newStatusBar(session.Status{})
	stopped := map[string]int{}
	endA := s.stoppable("Saving A…", "Stop saving", func() { stopped["a"]++ })
	endB := s.stoppable("Saving B…", "Stop saving", func() { stopped["b"]++ })
	if !s.stop.Visible() || !s.right.Visible() {
		t.Fatal("the Stop link is not shown while two jobs run")
	}
	s.stopAll()
	s.stopAll()
	if stopped["a"] != 1 || stopped["b"] != 1 {
		t.Errorf("stopped %v; want each job stopped once", stopped)
	}
	endA()
	if !s.stop.Visible() {
		t.Error("the link went when the first job ended, with the second still running")
	}
	endB()
	if s.stop.Visible() || s.right.Visible() {
		t.Error("the link is still shown after both jobs ended")
	}
}

// An activity longer than the bar has room for gets Details, which holds
// it whole; a short one does not, nor does the next short one.
func TestLongActivityGetsDetails(t *testing.T) {
	test.NewTempApp(t)
	s := newStatusBar(session.Status{})
	long := "Could not open /home/helpdesk/Exports/2026-12-06 new starters/report.csv: exec: \"xdg-open\": executable file not found in $PATH"
	s.setActivity(long)
	if !s.activityMore.Visible() || s.detail != long {
		t.Errorf("long activity: Details shown %v, detail %q", s.activityMore.Visible(), s.detail)
	}
	s.setActivity("Saved ann.jpg.")
	if s.activityMore.Visible() {
		t.Error("a short activity kept Details")
	}
}

// In a narrow window an activity the bar cuts short gets Details too,
// which shows it whole: the bar gave Details only to activities over 90
// characters, as many as the window's first size shows, so at its smallest
// "Copied the 240x240 photo of Megan Bowen as base64 (432x432 not
// uploaded)" ended in "…" with no way to read the rest. Widened, the
// activity fits and Details goes.
func TestCutActivityGetsDetailsInANarrowWindow(t *testing.T) {
	test.NewTempApp(t)
	s := newStatusBar(session.Status{Demo: true, Account: "helpdesk@contoso.onmicrosoft.com", Tenant: "contoso.onmicrosoft.com"})
	w := test.NewTempWindow(t, s.content)
	s.explainNoticeIn(w)
	text := "Copied the 240x240 photo of Megan Bowen as base64 (432x432 not uploaded)"
	s.setActivity(text)
	w.Resize(fyne.NewSize(886, w.Content().MinSize().Height))
	if s.activity.Truncation != fyne.TextTruncateEllipsis {
		t.Fatalf("the activity is not cut at 886 wide (it is %v wide); the test needs a longer one", s.activity.Size().Width)
	}
	if !s.activityMore.Visible() {
		t.Fatal("the activity is cut short and there is no Details to read it whole")
	}
	if right := s.activityMore.Position().X + s.activityMore.Size().Width; right > s.activityRow.Size().Width+0.5 {
		t.Errorf("Details ends at %v, past the bar's %v", right, s.activityRow.Size().Width)
	}
	more := s.activityMore
	test.TapAt(more, fyne.NewPos(more.Size().Width/2, more.Size().Height/2)) // a link takes a tap only over its text
	shown := false
	for _, o := range w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if l, ok := obj.(*widget.Label); ok && l.Text == text {
				shown = true
			}
		}
	}
	if !shown {
		t.Error("Details did not show the whole activity")
	}
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())

	w.Resize(fyne.NewSize(1600, w.Content().MinSize().Height))
	if s.activity.Truncation != fyne.TextTruncateOff || s.activityMore.Visible() {
		t.Errorf("widened to 1600: activity cut %v, Details shown %v; want it whole and no Details", s.activity.Truncation, s.activityMore.Visible())
	}
}
