//go:build linux

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/internal/starttrace"
)

// requireDesktopEnv, set by scripts/desktop-session.sh (so by make test),
// turns a missing X server, xdotool or file manager into a failure rather
// than a skip.
const requireDesktopEnv = "PHOTODESK_REQUIRE_DESKTOP"

// demoUPN is the sandbox account the window signs in and shows first.
const demoUPN = "helpdesk@contoso.onmicrosoft.com"

// adeleUPN is the second person in the window's first listing.
const adeleUPN = "adele.vance@contoso.onmicrosoft.com"

// waitLimit bounds every wait; a healthy run needs a few seconds.
const waitLimit = 60 * time.Second

// Screen places, in the 1280x800 Xvfb screen of desktop-session.sh with no
// window manager: Photo Desk at 0,0 at its default size (its photo is
// shown from about x 360 to 845, y 215 to 700), the file manager on the
// right half, raised over the rest of Photo Desk.
const (
	pressX, pressY = 450, 450  // on the photo, clear of the file manager
	avatarX        = 28        // the result rows' avatars
	secondRowY     = 293       // the middle of the second result (Adele Vance), under the result count
	dropX, dropY   = 1000, 400 // in the file manager's folder view
	managerX       = 710
	// The first item of the file manager's folder view (after its Places
	// pane), where the folder the test drags in is shown.
	folderIconX, folderIconY = managerX + 205, 100
	// The Places pane: its first row, Home Folder, and the empty space
	// below its places (Home Folder, Desktop, Applications), where a drop
	// would add a bookmark.
	placesX, homeRowY, belowPlacesY = managerX + 70, 101, 300
)

// With a real file manager: a folder dragged from it onto the window gets
// the photo shown, as Save writes it; a photo dragged from the viewer into
// its folder arrives there as the very file Save writes (same name, same
// bytes); so does another person's photo dragged from their avatar in the
// results. On its Places pane, the Home Folder row copies the photo there
// and the drag says dropped; below the places the file manager takes the
// drop as a bookmark ("link") and makes nothing, and the drag must not
// say dropped.
func TestDragAndDropWithAFileManager(t *testing.T) {
	bin := requireDesktop(t)
	home, dest := t.TempDir(), t.TempDir()
	env := desktopEnv(home)
	// The folder dragged onto the window: named to sort first, so its icon
	// stays the folder view's first whatever else arrives.
	into := filepath.Join(dest, "0-into")
	if err := os.Mkdir(into, 0o755); err != nil {
		t.Fatal(err)
	}

	wantName, wantBytes := saveWrites(t, bin, env, demoUPN)

	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	trace, _, _ := appBesideFileManager(t, ctx, bin, env, dest)

	// The photo may still be loading: a drag before it is shown carries
	// nothing, so drag until the file arrives.
	var got string
	var tries int // drags that ended before the one that arrived
	for got == "" {
		tries = trace.dragEnds()
		dragFrom(t, pressX, pressY, dropX, dropY)
		got = waitFile(ctx, dest, 3*time.Second)
		if ctx.Err() != nil {
			t.Fatalf("no file arrived in the file manager's folder within %s", waitLimit)
		}
	}
	if filepath.Base(got) != wantName {
		t.Errorf("dropped %q, want Save's name %q", filepath.Base(got), wantName)
	}
	if data, _ := os.ReadFile(got); !bytes.Equal(data, wantBytes) {
		t.Errorf("the dropped file (%d bytes) differs from what Save writes (%d bytes)", len(data), len(wantBytes))
	}
	if r := trace.nextDragEnd(ctx, tries); r != "dropped" {
		t.Errorf("the drop into the folder ended %q, want dropped", r)
	}

	// The Places pane: below the places, a drop it takes as a bookmark
	// (XdndFinished yes, with XdndActionLink) and makes nothing of, for a
	// file; on Home Folder, a copy into the home folder.
	ends := trace.dragEnds()
	dragFrom(t, pressX, pressY, placesX, belowPlacesY)
	if r := trace.nextDragEnd(ctx, ends); r != "not copied" {
		t.Errorf("the drop below the Places pane's places ended %q, want not copied", r)
	}
	dragFrom(t, pressX, pressY, placesX, homeRowY)
	if r := trace.nextDragEnd(ctx, ends+1); r != "dropped" {
		t.Errorf("the drop on the Places pane's Home Folder ended %q, want dropped", r)
	}
	if atHome := waitFile(ctx, home, waitLimit/4); filepath.Base(atHome) != wantName {
		t.Errorf("the drop on Home Folder left %q in the home folder, want %q", atHome, wantName)
	}

	// In: the folder dropped on the window, once — the photo is shown now
	// (a second drop would find the file there and ask Replace?, a dialog
	// over the rest of the test).
	dragFrom(t, folderIconX, folderIconY, pressX, pressY)
	in := waitFile(ctx, into, waitLimit/2)
	if in == "" {
		t.Fatalf("the folder dragged onto the window got no photo within %s", waitLimit/2)
	}
	if data, _ := os.ReadFile(in); filepath.Base(in) != wantName || !bytes.Equal(data, wantBytes) {
		t.Errorf("the folder dropped on the window got %q (%d bytes), want what Save writes: %q (%d bytes)",
			filepath.Base(in), len(data), wantName, len(wantBytes))
	}

	// The second result's avatar: Adele Vance, at the size picked (largest).
	adeleName, adeleBytes := saveWrites(t, bin, env, adeleUPN)
	if err := os.Remove(got); err != nil {
		t.Fatal(err)
	}
	got = ""
	for got == "" {
		dragFrom(t, avatarX, secondRowY, dropX, dropY)
		got = waitFile(ctx, dest, 3*time.Second)
		if ctx.Err() != nil {
			t.Fatalf("no file arrived from the avatar drag within %s", waitLimit)
		}
	}
	if filepath.Base(got) != adeleName {
		t.Errorf("avatar drag dropped %q, want %q", filepath.Base(got), adeleName)
	}
	if data, _ := os.ReadFile(got); !bytes.Equal(data, adeleBytes) {
		t.Error("the avatar's dropped file differs from what Save writes for that person")
	}
}

// saveWrites is the name and bytes of what Save writes for upn's photo at
// the largest size, the size the window picks (the sandbox is the same
// every run): photodesk get, run in env.
func saveWrites(t *testing.T, bin string, env []string, upn string) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	get := exec.Command(bin, "get", "--sandbox", "--user", upn, "-o", dir)
	get.Env = env
	if out, err := get.CombinedOutput(); err != nil {
		t.Fatalf("photodesk get: %v\n%s", err, out)
	}
	names, _ := os.ReadDir(dir)
	if len(names) != 1 {
		t.Fatalf("photodesk get wrote %d files", len(names))
	}
	data, err := os.ReadFile(filepath.Join(dir, names[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	return names[0].Name(), data
}

// requireDesktop is the photodesk binary, or skips (fails under
// desktop-session.sh) when what the test drives is missing.
func requireDesktop(t *testing.T) string {
	t.Helper()
	missing := func(what string) {
		t.Helper()
		if os.Getenv(requireDesktopEnv) == "1" {
			t.Fatalf("%s is missing; scripts/deps.sh test installs it", what)
		}
		t.Skipf("%s is missing (run under scripts/desktop-session.sh)", what)
	}
	if os.Getenv("DISPLAY") == "" {
		missing("an X server ($DISPLAY)")
	}
	for _, tool := range []string{"xdotool", "pcmanfm"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(tool)
		}
	}
	bin := os.Getenv("PHOTODESK_BIN")
	if bin == "" {
		missing("the photodesk binary ($PHOTODESK_BIN, set by make test)")
	}
	return bin
}

// desktopEnv is the environment of a person with a fresh home: nothing
// remembered, no Settings, so Photo Desk opens on the sandbox.
func desktopEnv(home string) []string {
	env := []string{
		// GLib's local file system only: no gvfs daemons or FUSE mounts
		// started by the file manager, which outlive the test.
		"GIO_USE_VFS=local", "GVFS_DISABLE_FUSE=1",
		"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"), "XDG_DATA_HOME=" + filepath.Join(home, ".local", "share"),
	}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "XDG_") {
			env = append(env, kv)
		}
	}
	return env
}

// start runs a program for the test's life; stderr, if not nil, hears
// what it writes there.
func start(t *testing.T, ctx context.Context, env []string, stderr io.Writer, name string, args ...string) {
	t.Helper()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env, cmd.Stderr = env, stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
}

// window waits for a window xdotool search finds, and returns its id.
func window(t *testing.T, ctx context.Context, by, what string) string {
	t.Helper()
	var id string
	found := poll(ctx, waitLimit, func() bool {
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", by, what).Output()
		ids := strings.Fields(string(out))
		if len(ids) > 0 {
			id = ids[len(ids)-1]
		}
		return id != ""
	})
	if !found {
		t.Fatalf("no window %s %q", by, what)
	}
	return id
}

// poll checks cond on a ticker until it holds, d passes or ctx ends, and
// reports whether it held. Other programs' windows and files give no
// signal to wait on, so the test looks, with a deadline.
func poll(ctx context.Context, d time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if cond() {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-deadline.C:
			return false
		case <-tick.C:
		}
	}
}

// dragFrom presses the left button at x0,y0, moves to x1,y1 in steps, as a
// hand would, and releases. xdotool's pauses between steps are the
// gesture's pace, not a wait for something: the drop target answers each
// position, and a drag with no motion in time reads as a click.
func dragFrom(t *testing.T, x0, y0, x1, y1 int) {
	t.Helper()
	xdotool(t, "mousemove", fmt.Sprint(x0), fmt.Sprint(y0), "mousedown", "1")
	const steps = 10
	for i := 1; i <= steps; i++ {
		x, y := x0+(x1-x0)*i/steps, y0+(y1-y0)*i/steps
		xdotool(t, "mousemove", fmt.Sprint(x), fmt.Sprint(y), "sleep", "0.05")
	}
	xdotool(t, "mousemove", fmt.Sprint(x1+3), fmt.Sprint(y1+3), "sleep", "0.2", "mouseup", "1")
}

// traceLog is what photodesk writes on stderr with PHOTODESK_TRACE set,
// where it says how each drag ended ("photodesk-trace: drag <how> <ms>"):
// the status bar's words come from that, and another program's answer is
// otherwise invisible to the test.
type traceLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *traceLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// drags is how each drag so far ended, in order.
func (l *traceLog) drags() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var ends []string
	for line := range strings.Lines(l.buf.String()) {
		if rest, ok := strings.CutPrefix(line, "photodesk-trace: drag "); ok {
			if i := strings.LastIndexByte(rest, ' '); i > 0 {
				ends = append(ends, rest[:i])
			}
		}
	}
	return ends
}

// dragEnds is how many drags have ended.
func (l *traceLog) dragEnds() int { return len(l.drags()) }

// nextDragEnd waits for the drag after the first n to end and says how it
// did: the last to end if that one has ended already (the test's earlier
// drags may have been retried), "" if none ended in time.
func (l *traceLog) nextDragEnd(ctx context.Context, n int) string {
	var how string
	poll(ctx, waitLimit/4, func() bool {
		if ends := l.drags(); len(ends) > n {
			how = ends[len(ends)-1]
			return true
		}
		return false
	})
	return how
}

func xdotool(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		t.Fatalf("xdotool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// waitFile waits up to d for a complete file in dir and returns its path,
// "" if none came.
func waitFile(ctx context.Context, dir string, d time.Duration) string {
	var path string
	poll(ctx, d, func() bool {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
				path = filepath.Join(dir, e.Name())
				return true
			}
		}
		return false
	})
	return path
}

// appBesideFileManager starts Photo Desk (bin, tracing its steps) and
// pcmanfm showing dest, the window at the screen's left and the file
// manager at managerX, raised: their trace and window ids.
func appBesideFileManager(t *testing.T, ctx context.Context, bin string, env []string, dest string) (trace *traceLog, app, manager string) {
	t.Helper()
	trace = &traceLog{}
	start(t, ctx, append(env, starttrace.Env+"=1"), trace, bin)
	start(t, ctx, env, nil, "pcmanfm", "--no-desktop", dest)
	app = window(t, ctx, "--name", "^Photo Desk$")
	manager = window(t, ctx, "--class", "pcmanfm")
	xdotool(t, "windowmove", app, "0", "0")
	xdotool(t, "windowsize", manager, "560", "700", "windowmove", manager, fmt.Sprint(managerX), "0", "windowraise", manager)
	return trace, app, manager
}
