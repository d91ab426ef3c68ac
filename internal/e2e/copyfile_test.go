//go:build linux

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// With a real file manager: Edit > Copy file, picked from the keyboard
// (Alt opens File, Right goes to Edit, and Up from the bottom passes Copy
// object id, Copy UPN, Copy metadata JSON, Copy as mail attachment JSON
// and Copy as base64 to Copy file),
// then Ctrl+V in the file manager's empty folder, pastes the very file
// Save writes (same name, same bytes): pcmanfm asks Photo Desk's CLIPBOARD
// for x-special/gnome-copied-files and copies the file it names.
func TestCopyFilePastesIntoAFileManager(t *testing.T) {
	bin := requireDesktop(t)
	home, dest := t.TempDir(), t.TempDir()
	env := desktopEnv(home)
	wantName, wantBytes := saveWrites(t, bin, env, demoUPN)

	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	trace, app, manager := appBesideFileManager(t, ctx, bin, env, dest)
	// Copy file before the photo shows would only say it is loading.
	if !trace.waitStep(ctx, "first photo shown") {
		t.Fatalf("the window showed no photo within %s", waitLimit)
	}

	// The copy is made off the UI goroutine and nothing outside the
	// window says when it took the keys or the clipboard, so a paste may
	// find it empty: copy and paste again until the file arrives.
	var got string
	for got == "" {
		// Just after the first photo the window may miss the Alt; the Ups
		// then go to the results, which are on their first row already,
		// where Downs would pick someone else.
		xdotool(t, "windowfocus", "--sync", app)
		xdotool(t, "key", "--clearmodifiers", "alt", "Right", "Up", "Up", "Up", "Up", "Up", "Up", "Return")
		// A click on the folder view's empty space gives it the keys, so
		// Ctrl+V pastes files there rather than text into the path bar.
		xdotool(t, "mousemove", fmt.Sprint(dropX), fmt.Sprint(dropY), "click", "1")
		xdotool(t, "windowfocus", "--sync", manager)
		xdotool(t, "key", "--clearmodifiers", "ctrl+v")
		got = waitFile(ctx, dest, 3*time.Second)
		if ctx.Err() != nil {
			t.Fatalf("no file was pasted into the file manager's folder within %s", waitLimit)
		}
	}
	if filepath.Base(got) != wantName {
		t.Errorf("pasted %q, want Save's name %q", filepath.Base(got), wantName)
	}
	if data, _ := os.ReadFile(got); !bytes.Equal(data, wantBytes) {
		t.Errorf("the pasted file (%d bytes) differs from what Save writes (%d bytes)", len(data), len(wantBytes))
	}
}

// waitStep waits for the window to reach a step of its start
// ("photodesk-trace: <step> <ms>"), and reports whether it did in time.
func (l *traceLog) waitStep(ctx context.Context, step string) bool {
	return poll(ctx, waitLimit, func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return strings.Contains(l.buf.String(), "photodesk-trace: "+step+" ")
	})
}
