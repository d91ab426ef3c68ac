package benchtable

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/internal/starttrace"
)

// scrollPeople is how many people the memory scenario scrolls through.
const scrollPeople = 1000

// launched is a program started with its start trace on, whose trace
// steps can be waited for.
type launched struct {
	cmd   *exec.Cmd
	once  sync.Once // stop's
	mu    sync.Mutex
	steps map[string]chan struct{}
	at    map[string]time.Duration // when each step was printed, since start
}

// launch starts bin in a throwaway home with the trace on and env added.
func launch(b *testing.B, bin string, env ...string) (*launched, error) {
	home := b.TempDir()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), starttrace.Env+"=1", "HOME="+home, "XDG_CONFIG_HOME="+home+"/.config",
		"XDG_CACHE_HOME="+home+"/.cache", "XDG_DATA_HOME="+home+"/.local/share")
	cmd.Env = append(cmd.Env, env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	l := &launched{cmd: cmd, steps: map[string]chan struct{}{}, at: map[string]time.Duration{}}
	b.Cleanup(l.stop)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			rest, ok := strings.CutPrefix(sc.Text(), "photodesk-trace: ")
			if !ok {
				continue
			}
			if i := strings.LastIndex(rest, " "); i > 0 {
				ms, _ := strconv.Atoi(rest[i+1:])
				l.mu.Lock()
				l.at[rest[:i]] = time.Duration(ms) * time.Millisecond
				l.mu.Unlock()
				close(l.step(rest[:i]))
			}
		}
	}()
	return l, nil
}

// stop ends the program, once: as soon as it has been measured, so that
// it does not run beside the next program measured.
func (l *launched) stop() {
	l.once.Do(func() { _ = l.cmd.Process.Kill(); _ = l.cmd.Wait() })
}

// step is the channel closed when the trace reaches name.
func (l *launched) step(name string) chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	ch, ok := l.steps[name]
	if !ok {
		ch = make(chan struct{})
		l.steps[name] = ch
	}
	return ch
}

// times is when each step printed so far was reached, since the start.
func (l *launched) times() map[string]time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return maps.Clone(l.at)
}

// reached reports whether the trace has reached name.
func (l *launched) reached(name string) bool {
	select {
	case <-l.step(name):
		return true
	default:
		return false
	}
}

// wait waits up to a minute for the trace to reach name.
func (l *launched) wait(name string) error {
	select {
	case <-l.step(name):
		return nil
	case <-time.After(time.Minute):
		return fmt.Errorf("no %q within a minute", name)
	}
}

// memoryScenario names scenario 5's row.
var memoryScenario = fmt.Sprintf("5. resident memory after scrolling %d results", scrollPeople)

// memoryRow opens Photo Desk on a sandbox of 1,000 people, scrolls its
// result list with the mouse wheel (xdotool) until every page is loaded
// and then on to the last row, and reads its resident memory, next to
// the bare window's.
func memoryRow(b *testing.B, bin string, bareKB int) row {
	r := row{scenario: memoryScenario, oneAtATime: "—"}
	peak, final, pages, err := scrollThrough(b, bin)
	if err != nil {
		r.photoDesk = "not measured: " + err.Error()
		return r
	}
	r.photoDesk = fmt.Sprintf("%d MB (peak %d MB; %d wheel clicks)", final/1024, peak/1024, pages)
	r.floor = fmt.Sprintf("%d MB (bare window)", bareKB/1024)
	r.ratio = fmt.Sprintf("+%d MB", (final-bareKB)/1024)
	return r
}

// scrollThrough returns the peak and final resident memory in kB and the
// wheel clicks it took.
func scrollThrough(b *testing.B, bin string) (peak, final, clicks int, err error) {
	app, err := launch(b, bin, "PHOTODESK_SANDBOX_USERS="+strconv.Itoa(scrollPeople))
	if err != nil {
		return 0, 0, 0, err
	}
	defer app.stop()
	if err := app.wait("first photo shown"); err != nil {
		return 0, 0, 0, err
	}
	out, err := exec.Command("xdotool", "search", "--sync", "--onlyvisible", "--name", "Photo Desk").Output()
	if err != nil {
		return 0, 0, 0, fmt.Errorf("find the window: %w", err)
	}
	win := strings.Fields(string(out))[0]
	geo, err := exec.Command("xdotool", "getwindowgeometry", "--shell", win).Output()
	if err != nil {
		return 0, 0, 0, fmt.Errorf("window geometry: %w", err)
	}
	g := map[string]int{}
	for line := range strings.SplitSeq(string(geo), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			g[k], _ = strconv.Atoi(v)
		}
	}
	// The result list fills the sidebar's left part below the search box.
	x, y := g["X"]+120, g["Y"]+g["HEIGHT"]*2/3
	if err := exec.Command("xdotool", "mousemove", strconv.Itoa(x), strconv.Itoa(y)).Run(); err != nil {
		return 0, 0, 0, fmt.Errorf("move the pointer: %w", err)
	}
	pid := app.cmd.Process.Pid
	const batch = 50
	// Every page loaded, then scrollTail batches more: the list's end.
	const scrollTail = 10
	for extra := -1; extra != 0; {
		if err := exec.Command("xdotool", "click", "--repeat", strconv.Itoa(batch), "--delay", "2", "5").Run(); err != nil {
			return 0, 0, 0, fmt.Errorf("scroll: %w", err)
		}
		clicks += batch
		peak = max(peak, rss(pid))
		switch {
		case extra > 0:
			extra--
		case app.reached("all results loaded"):
			extra = scrollTail
		case clicks > 50_000:
			return 0, 0, 0, fmt.Errorf("not every result loaded after %d wheel clicks", clicks)
		}
	}
	final = rss(pid)
	return max(peak, final), final, clicks, nil
}
