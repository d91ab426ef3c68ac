package views

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// mayClose is the shell window's answer to a close request (ownWindow):
// at once yes when its main window runs nothing, else the person's answer
// to askQuit.
func (sh *shell) mayClose(answer func(ok bool)) {
	if sh.main == nil {
		answer(true)
		return
	}
	sh.main.askQuit(answer)
}

// askQuit asks before a close would stop the window's work: "An export is
// running (36 of 50 people). Quit and stop it?". Keep working, which has
// the focus (Enter presses it) and which Escape answers, keeps the window
// and its work; Stop and quit stops each job still running then as its
// own Cancel would — its lock, journal and report are its own to settle —
// and answers yes. With nothing running it answers yes at once.
func (m *mainWindow) askQuit(answer func(ok bool)) {
	jobs := m.runningJobs()
	if len(jobs) == 0 {
		answer(true)
		return
	}
	d := newConfirm("Quit Photo Desk?", quitQuestion(jobs), func(quit bool) {
		if quit {
			for _, j := range m.runningJobs() { // those that ended meanwhile have nothing to stop
				if j.stop != nil {
					j.stop()
				}
			}
		}
		answer(quit)
	}, m.w)
	d.SetDismissText("Keep working")
	d.SetConfirmText("Stop and quit")
	d.SetConfirmImportance(widget.DangerImportance)
	d.showEnter(enterNo)
}

// quitQuestion words the question for jobs (at least one): what runs,
// with how far it has come, then what becomes of it stopped.
func quitQuestion(jobs []runningJob) string {
	var text string
	if j := jobs[0]; len(jobs) == 1 {
		text = capitalized(j.what) + " is running" + inBrackets(j.progress) + ". Quit and stop it?"
	} else {
		names := make([]string, len(jobs))
		for i, j := range jobs {
			names[i] = j.what + inBrackets(j.progress)
		}
		text = capitalized(andList(names)) + " are running. Quit and stop them?"
	}
	var said []string
	for _, j := range jobs {
		if j.after != "" && !slices.Contains(said, j.after) {
			said = append(said, j.after)
			text += " " + j.after
		}
	}
	return text
}

// inBrackets is " (s)", or "" for no s.
func inBrackets(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

// andList joins items as a sentence lists them: "a, b and c".
func andList(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// capitalized is s with its first letter upper case, to open a sentence.
func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// quitItem is File > Quit: the window's close request, so it asks as the
// window manager's close button does. Fyne adds a Quit of its own to a
// File menu without one; this one, last and marked IsQuit, takes its place.
// It carries Ctrl+Q (⌘Q), which the window's driver runs from the menu
// before any focused widget sees it, under a dialog too.
func quitItem(requestClose func()) *fyne.MenuItem {
	it := fyne.NewMenuItem("Quit", requestClose)
	it.IsQuit = true
	it.Shortcut = shortcutQuit
	return it
}
