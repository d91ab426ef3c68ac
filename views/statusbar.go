package views

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/views/widgets"
)

// statusBar says who is signed in to which tenant and API version, and what
// the app is doing right now ("Searching…", "throttled — waiting 2 s").
type statusBar struct {
	account  *widget.Label
	tenant   *widget.Label
	api      *widget.Label
	notice   *widgets.FitLabel
	throttle *widget.Label // Graph retry waits, apart from activity so neither hides the other
	activity *widgets.FitLabel
	// stop ends the running jobs that asked for it (stoppable); hidden
	// while none runs. A link, not a button: it is as tall as the bar's
	// labels, so the window does not shift when it shows.
	stop    *widget.Hyperlink
	stops   map[int]func()  // the stoppable jobs running, by their number
	stopSeq int             // the last job's number
	right   *fyne.Container // stop and throttle, hidden while both are
	content fyne.CanvasObject
	// noticeMore shows the whole notice, which the bar may cut short
	// (issue 18: the application-mode notice could not be read whole).
	noticeMore *widget.Button
	// activityMore shows the whole of an activity that has more to it than
	// the bar has room for (a change's backup file, the word on other
	// apps' caches); hidden for plain activities. A link, as Stop is: a
	// button is taller than the bar, which grew when it showed.
	activityMore  *widget.Hyperlink
	detail        string
	window        fyne.Window
	activityRow   *fyne.Container // the activity and Details, laid out again when Details shows or goes
	activityPlace *activityLayout
}

func newStatusBar(st session.Status) *statusBar {
	s := &statusBar{
		account:  widget.NewLabel(accountText(st)),
		tenant:   widget.NewLabel(""),
		api:      widget.NewLabel(""),
		notice:   widgets.NewFitLabel(st.Notice, fyne.TextStyle{}),
		throttle: widget.NewLabel(""),
		activity: widgets.NewFitLabel("", fyne.TextStyle{}),
	}
	if st.Tenant != "" {
		s.tenant.SetText("Tenant " + st.Tenant)
	}
	api := st.APIVersion
	if api == "" {
		api = "v1.0"
	}
	s.api.SetText("Graph " + api)
	s.notice.Importance = widget.WarningImportance
	s.throttle.Importance = widget.WarningImportance
	s.throttle.Hide()
	for _, l := range []*widget.Label{s.account, s.tenant, s.api, s.throttle} {
		l.SizeName = theme.SizeNameCaptionText
	}
	s.notice.SizeName = theme.SizeNameCaptionText
	s.activity.SizeName = theme.SizeNameCaptionText
	// The notice and the activity share what the connection labels leave,
	// each cut short with an ellipsis rather than pushing the other out.
	s.activity.Alignment = fyne.TextAlignTrailing
	left := container.NewHBox(s.account, s.tenant, s.api)
	s.activityMore = widget.NewHyperlink("Details", nil)
	s.activityMore.OnTapped = func() {
		if s.window == nil {
			return
		}
		whole := s.detail
		if whole == "" {
			whole = s.activity.Text // cut short by a narrow window
		}
		showInformation("What happened", whole, s.window)
	}
	s.activityMore.SizeName = theme.SizeNameCaptionText
	s.activityMore.Hide()
	s.activityPlace = &activityLayout{activity: s.activity, more: s.activityMore, detailed: func() bool { return s.detail != "" }}
	s.activityRow = container.New(s.activityPlace, s.activity, s.activityMore)
	var middle fyne.CanvasObject = s.activityRow
	s.noticeMore = widget.NewButtonWithIcon("", theme.InfoIcon(), nil)
	s.noticeMore.Importance = widget.LowImportance
	if st.Notice != "" {
		middle = container.NewGridWithColumns(2, container.NewBorder(nil, nil, nil, s.noticeMore, s.notice), middle)
	}
	s.stops = map[int]func(){}
	s.stop = widget.NewHyperlink("Stop", nil)
	s.stop.OnTapped = s.stopAll
	s.stop.SizeName = theme.SizeNameCaptionText
	s.stop.Hide()
	s.right = container.NewHBox(s.stop, s.throttle)
	s.right.Hide() // else the bar keeps a gap for it
	s.content = container.NewBorder(nil, nil, left, s.right, middle)
	return s
}

// showRight shows o (the Stop link or the throttle note) or hides it,
// and their corner of the bar with them.
func (s *statusBar) showRight(o fyne.CanvasObject, visible bool) {
	setVisible(s.right, o, visible)
	setVisible(s.content, s.right, s.stop.Visible() || s.throttle.Visible())
}

// stoppable shows text as the activity with a Stop link, labelled label,
// that calls stop until the end it returns is called (on the UI goroutine,
// like this). Jobs started while one runs share the link, labelled by the
// latest: a tap stops them all (the link then says "Stopping…"), and it
// goes once the last has ended.
func (s *statusBar) stoppable(text, label string, stop func()) (end func()) {
	s.stopSeq++
	seq := s.stopSeq
	s.stops[seq] = stop
	s.setActivity(text)
	s.stop.SetText(label)
	s.showRight(s.stop, true)
	return func() {
		delete(s.stops, seq)
		if len(s.stops) == 0 {
			s.showRight(s.stop, false)
		}
	}
}

// busy reports a stoppable job running, whose word the bar keeps.
func (s *statusBar) busy() bool { return len(s.stops) > 0 }

// stopAll stops every stoppable job running, once each.
func (s *statusBar) stopAll() {
	if len(s.stops) == 0 {
		return
	}
	s.stop.SetText("Stopping…")
	for seq, stop := range s.stops {
		stop()
		s.stops[seq] = func() {} // a second tap has nothing more to do
	}
}

// explainNoticeIn makes the notice's info button, and the activity's
// Details, show their text whole over w.
func (s *statusBar) explainNoticeIn(w fyne.Window) {
	s.noticeMore.OnTapped = func() { showInformation("Notice", s.notice.Text, w) }
	s.window = w
}

// accountText is the first thing in the status bar: whose eyes Graph sees.
func accountText(st session.Status) string {
	switch {
	case st.Demo && st.Account != "":
		return "Sandbox tenant · " + st.Account
	case st.Demo:
		return "Sandbox tenant"
	case st.Account != "":
		return st.Account
	}
	return "Not signed in"
}

// setActivity says what the app is doing or just did; a text longer than
// the bar has room for in the window's first size (an error with its path)
// is kept as the detail Details shows whole — and so, by activityLayout,
// is any the bar cuts short in a narrower window.
func (s *statusBar) setActivity(text string) {
	detail := ""
	if utf8.RuneCountInString(text) > activityRoom {
		detail = text
	}
	s.setActivityMore(text, detail)
}

// activityRoom is about the characters the bar shows of an activity in the
// window's first size, beside the account, tenant and Graph version.
const activityRoom = 90

// setActivityMore says text in the bar, with a Details link that shows
// detail whole when there is more to say than the bar has room for.
func (s *statusBar) setActivityMore(text, detail string) {
	s.activity.SetText(text)
	s.detail = detail
	if s.activityPlace.wantsMore(s.activityRow.Size().Width) != s.activityMore.Visible() {
		s.activityRow.Refresh()
	}
}

// setThrottle shows or clears "throttled — waiting N s".
func (s *statusBar) setThrottle(text string) {
	s.throttle.SetText(text)
	s.showRight(s.throttle, text != "")
}
