package views

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// TestExportsOpenFolderSaysWhenItCannot: an export summary's Open folder
// went through the backups folder's opener, which logged a failure as
// "open the backups folder" and showed the person nothing (with no
// xdg-open, a click did nothing at all), and made the folder again,
// empty, when it had been deleted since. Now it says in the status bar
// why it could not, as Open report does, in words ("no program to open it
// with: xdg-open is not installed", not exec's message), and a folder gone
// is said to be gone, not made again.
func TestExportsOpenFolderSaysWhenItCannot(t *testing.T) {
	f := newFakeEngine(1)
	h := newShownFakeHarness(t, f)
	var opened []string
	openErr := error(&exec.Error{Name: "xdg-open", Err: exec.ErrNotFound})
	fakeDesktopOpen(t, func(u *url.URL) error {
		opened = append(opened, u.String())
		return openErr
	})

	dir := filepath.Join(t.TempDir(), "Fotos Ü 写真")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	h.m.openExportFolder(dir)
	h.waitIdle()
	want := "Could not open " + dir + ": no program to open it with (xdg-open is not installed)"
	if got := h.m.status.activity.Text; got != want {
		t.Errorf("Open folder failing: status %q, want %q", got, want)
	}
	if len(opened) != 1 {
		t.Fatalf("asked the desktop to open %v, want the folder once", opened)
	}
	report := filepath.Join(dir, "photodesk-report-1.csv")
	h.m.openFile(report)
	if got := h.m.status.activity.Text; got != "Could not open "+report+": no program to open it with (xdg-open is not installed)" {
		t.Errorf("Open report failing: status %q", got)
	}

	openErr = nil
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	h.m.status.setActivity("")
	h.m.openExportFolder(dir)
	h.waitIdle()
	if got := h.m.status.activity.Text; !strings.Contains(got, dir) || !strings.Contains(got, "no longer there") {
		t.Errorf("Open folder of a folder deleted since: status %q, want it said gone", got)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Open folder made the deleted folder again (%v)", err)
	}
	if len(opened) != 2 {
		t.Errorf("asked the desktop to open %v; want nothing for a folder gone", opened)
	}
}

// TestOpenReportInAFolderWithAHash: a folder named for a ticket ("Ticket
// #4711") made the report's file URL end at the "#", the rest read as a
// fragment, so the desktop was asked to open "/…/Ticket " — another
// folder, or nothing. The path goes whole into the URL, "#" escaped.
func TestOpenReportInAFolderWithAHash(t *testing.T) {
	f := newFakeEngine(1)
	h := newShownFakeHarness(t, f)
	var opened []*url.URL
	fakeDesktopOpen(t, func(u *url.URL) error {
		opened = append(opened, u)
		return nil
	})

	dir := filepath.Join(t.TempDir(), "Ticket #4711? 写真")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "photodesk-report-1.csv")
	h.m.openFile(report)
	h.m.openExportFolder(dir)
	h.waitIdle()
	if len(opened) != 2 {
		t.Fatalf("asked the desktop to open %v, want the report and the folder", opened)
	}
	for i, want := range []string{report, dir} {
		u := opened[i]
		if back, err := url.Parse(u.String()); err != nil || back.Path != filepath.ToSlash(want) || back.Fragment != "" || back.RawQuery != "" {
			t.Errorf("asked to open %q (path %q), want the whole path %q", u.String(), back.Path, want)
		}
	}
}

// fakeDesktopOpen stands open in for the desktop's opener until the test
// ends, so a test sees what it was asked to open and can make it fail.
func fakeDesktopOpen(t *testing.T, open func(u *url.URL) error) {
	t.Helper()
	was := desktopOpen
	desktopOpen = func(_ fyne.App, u *url.URL) error { return open(u) }
	t.Cleanup(func() { desktopOpen = was })
}
