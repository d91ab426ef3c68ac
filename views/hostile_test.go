package views

import (
	"context"
	"errors"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/graphapi"
)

// Issue 14, defects 7 and 8: a server's error text shown in the window
// has no control characters and no echoed token.
func TestFriendlyHidesEscapesAndTokens(t *testing.T) {
	err := &graphapi.Error{
		Status: 400, Code: "BadRequest",
		Message: "\x1b[31mbad\x1b[0m header Bearer eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJncmFwaCJ9.c2lnbmF0dXJl\r",
	}
	got := friendly(err)
	for _, bad := range []string{"\x1b", "\r", "eyJ"} {
		if strings.Contains(got, bad) {
			t.Errorf("friendly = %q, holds %q", got, bad)
		}
	}
}

// The log the window writes holds no server's control characters and no
// echoed token either, whichever path logged the error: a change's, a
// picture's, an opened file's (they logged the raw error).
func TestLoggedErrorsHideEscapesAndTokens(t *testing.T) {
	var logged strings.Builder
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	err := &graphapi.Error{
		Status: 400, Code: "BadRequest",
		Message: "\x1b[31mbad\x1b[0m header Bearer eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJncmFwaCJ9.c2lnbmF0dXJl\r",
	}
	changeProblem(err, app.Person{DisplayName: "Ann"}, false)
	pictureProblem(err)
	friendly(err)
	if !strings.Contains(logged.String(), "BadRequest") {
		t.Fatalf("nothing was logged: %q", logged.String())
	}
	for _, bad := range []string{"\x1b", "\r", "eyJ"} {
		if strings.Contains(logged.String(), bad) {
			t.Errorf("the log holds %q: %q", bad, logged.String())
		}
	}
}

// Issue 14, defect 5: the window's report never writes through a symlink
// at its name: the symlink's target is left alone, and so is the symlink,
// the report taking the next free name beside it.
func TestExportReportDoesNotFollowSymlinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "precious")
	if err := os.WriteFile(target, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "photodesk-report.csv")
	if err := os.Symlink(target, report); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, got, err := runExport(context.Background(), emptyExport(t, dir), report)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(target); string(data) != "keep me" {
		t.Errorf("the symlink's target now holds %q", data)
	}
	if fi, err := os.Lstat(report); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced: %v, %v", fi, err)
	}
	if want := filepath.Join(dir, "photodesk-report-2.csv"); got != want {
		t.Fatalf("report written to %s, want %s", got, want)
	}
	fi, err := os.Lstat(got)
	if err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("report is not a regular file: %v, %v", fi, err)
	}
	if data, _ := os.ReadFile(got); !strings.HasPrefix(string(data), "id,") {
		t.Errorf("report = %q, want the header", data)
	}
}

// emptyExport is an export of nobody into dir: no request is sent, only
// the report is written.
func emptyExport(t *testing.T, dir string) export.Options {
	t.Helper()
	sizes, err := export.ParseSizes("none")
	if err != nil {
		t.Fatal(err)
	}
	return export.Options{
		Client: graphapi.New(graphapi.WithBaseURL("http://127.0.0.1:1/v1.0")),
		Dir:    dir, Sizes: sizes, Source: export.Source{People: []string{}},
	}
}

// Two exports into one folder started in the same second ask for the same
// report name: the second gets a name of its own, and the first report
// stays as it was.
func TestExportsInOneSecondKeepTheirOwnReports(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "photodesk-report-20261206-101500.csv")
	_, first, err := runExport(context.Background(), emptyExport(t, dir), report)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(first, []byte("id,first export's row\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, second, err := runExport(context.Background(), emptyExport(t, dir), report)
	if err != nil {
		t.Fatal(err)
	}
	if first != report || second != filepath.Join(dir, "photodesk-report-20261206-101500-2.csv") {
		t.Fatalf("reports %s and %s, want %s and the same with -2", first, second, report)
	}
	if data, _ := os.ReadFile(first); string(data) != "id,first export's row\n" {
		t.Errorf("the first report now holds %q", data)
	}
	if data, _ := os.ReadFile(second); !strings.HasPrefix(string(data), "id,") {
		t.Errorf("the second report = %q, want the header", data)
	}
}

// What a dialog says is cleaned too, whoever worded it: a change refused
// with an echoed token (changeProblem quotes Graph's message through
// change.Explain) and a bare error (showError) showed the token and the
// escape in the window.
func TestDialogsHideEscapesAndTokens(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(800, 600))
	err := &graphapi.Error{
		Status: 400, Code: "BadRequest",
		Message: "\x1b[31mbad\x1b[0m header Bearer eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJncmFwaCJ9.c2lnbmF0dXJl\r",
	}
	if got := changeProblem(err, app.Person{DisplayName: "Ann"}, false); strings.Contains(got, "eyJ") || strings.Contains(got, "\x1b") {
		t.Errorf("changeProblem = %q, holds the token or the escape", got)
	}
	showInformation("Not changed", change.Explain(err, app.Person{DisplayName: "Ann"}), w)
	showError(err, w)
	question := newConfirm("Try again?", change.Explain(err, app.Person{DisplayName: "Ann"}), func(bool) {}, w)
	question.Show()
	var shown strings.Builder
	for _, o := range w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if l, ok := obj.(*widget.Label); ok {
				shown.WriteString(l.Text + "\n")
			}
		}
	}
	if !strings.Contains(shown.String(), "BadRequest") {
		t.Fatalf("the dialogs do not show the error: %q", shown.String())
	}
	for _, bad := range []string{"\x1b", "\r", "eyJ"} {
		if strings.Contains(shown.String(), bad) {
			t.Errorf("a dialog shows %q: %q", bad, shown.String())
		}
	}
}

// Why a sign-in failed, said under the sign-in buttons (a label, not a
// dialog), is cleaned too: Entra ID's words, or a proxy's, may echo the
// token request.
func TestSignInProblemHidesEscapesAndTokens(t *testing.T) {
	err := errors.New("token request refused: \x1b[2Jclient_assertion=eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJncmFwaCJ9.c2lnbmF0dXJl&refresh_token=0.AQoAopaque-refresh")
	got := (&shell{}).explain(err)
	for _, bad := range []string{"\x1b", "eyJ", "0.AQoAopaque"} {
		if strings.Contains(got, bad) {
			t.Errorf("explain = %q, holds %q", got, bad)
		}
	}
	if !strings.Contains(strings.ToLower(got), "token request refused") {
		t.Errorf("explain = %q, lost the reason", got)
	}
}
