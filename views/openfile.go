package views

import (
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
)

// desktopOpen hands u to the program the desktop opens it with; a
// variable so tests can see what was asked and make it fail.
var desktopOpen = func(a fyne.App, u *url.URL) error { return a.OpenURL(u) }

// openFile hands a file (an export's report) to the program the desktop
// opens it with, and says in the status bar when it could not.
func (m *mainWindow) openFile(path string) {
	if err := desktopOpen(m.a, fileURL(path)); err != nil {
		logError("open "+path, err)
		m.status.setActivity("Could not open " + path + ": " + openFailure(err))
	}
}

// openExportFolder shows an export's folder in the file manager, saying
// in the status bar when it cannot. Unlike the backups folder, one gone
// since is said to be gone, not made again, empty. The folder is looked
// at off the UI goroutine, as ensureFolder's is: an export into a share
// out of reach can take the network's timeout to answer.
func (m *mainWindow) openExportFolder(dir string) {
	m.bg.run(func() {
		info, err := os.Stat(dir)
		gone := err != nil || !info.IsDir()
		m.bg.do(func() {
			if gone {
				m.status.setActivity("Could not open " + dir + ": it is no longer there (moved or deleted since the export)")
				return
			}
			m.openFile(dir)
		})
	})
}

// makeFolder makes the backups folder dir; a variable so tests can hold
// it, as a share out of reach does.
var makeFolder = func(dir string) error { return os.MkdirAll(dir, 0o700) }

// openFolder shows the backups folder dir in the file manager, creating it
// first so there is something to open before the first change. The folder
// is made with run, off the UI goroutine — a home folder on a share out of
// reach can take the network's timeout to answer, and the window froze
// meanwhile — and the desktop asked through do, on it, as
// openExportFolder does. A failure is logged.
func openFolder(a fyne.App, dir string, run, do func(func())) {
	run(func() {
		if err := makeFolder(dir); err != nil {
			logError("open the backups folder", err)
			return
		}
		do(func() {
			if err := desktopOpen(a, fileURL(dir)); err != nil {
				logError("open the backups folder", err)
			}
		})
	})
}

// openFolder shows the backups folder dir in the file manager.
func (m *mainWindow) openFolder(dir string) { openFolder(m.a, dir, m.bg.run, m.bg.do) }

// openFailure words why the desktop could not open something: no opener
// at all (a desktop without xdg-open) is the usual cause, and exec's
// "exec: \"xdg-open\": executable file not found in $PATH" meant nothing to
// a helpdesk person.
func openFailure(err error) string {
	if e := new(exec.Error); errors.As(err, &e) && errors.Is(err, exec.ErrNotFound) {
		return "no program to open it with (" + e.Name + " is not installed)"
	}
	return friendly(err)
}

// fileURL is path as a file URL, whole: a "#" or "?" in a folder's name
// ("Ticket #4711") is escaped, where parsing the text of Fyne's file URI
// ended the path there and the desktop was asked to open another.
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows path: file:///C:/…
	}
	return &url.URL{Scheme: "file", Path: p}
}
