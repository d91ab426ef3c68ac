package benchtable

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// traced runs bin with the start trace on, in a throwaway HOME (a first
// launch), until it prints the step until; it returns every step's time
// and the resident memory (kB) at that moment. The program is stopped
// before it returns.
func traced(b *testing.B, bin, until string) (map[string]time.Duration, int, error) {
	if os.Getenv("DISPLAY") == "" {
		return nil, 0, fmt.Errorf("no display (run under scripts/desktop-session.sh)")
	}
	l, err := launch(b, bin)
	if err != nil {
		return nil, 0, err
	}
	defer l.stop()
	if err := l.wait(until); err != nil {
		return l.times(), 0, err
	}
	return l.times(), rss(l.cmd.Process.Pid), nil
}

// rss is a process's resident memory in kB, from /proc.
func rss(pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return kb
		}
	}
	return 0
}

// startLaunches is how many times scenario 4 launches each program,
// alternately: one launch of each moved the ratio by a fifth from run to
// run (the bare window alone took 0.43-0.75 s), and the medians of five
// still moved it from 1.22x to 1.48x between two runs of the same build
// (Photo Desk's window shown at 156 ms in one, 192 ms in the other), so
// the table shows the medians of nine, and the ranges beside them.
const startLaunches = 9

// launchResult is one traced launch: its steps, and its resident memory
// (kB) at the last.
type launchResult struct {
	at map[string]time.Duration
	kb int
}

// startRows are scenario 4 (window start to first photo) and 5 (resident
// memory after scrolling, memoryRow), each next to the bare hello world.
func startRows(b *testing.B, hello string) []row {
	bin := os.Getenv("PHOTODESK_BIN")
	start := row{scenario: fmt.Sprintf("4. window start to first photo (Xvfb, sandbox, first launch; median of %d)", startLaunches), oneAtATime: "—"}
	mem := row{scenario: memoryScenario, oneAtATime: "—"}
	if bin == "" || hello == "" {
		start.photoDesk, mem.photoDesk = "not measured (no PHOTODESK_BIN)", "not measured"
		return []row{start, mem}
	}
	var pds, hws []launchResult
	for range startLaunches {
		pd, pdKB, err := traced(b, bin, "first photo shown")
		if err != nil {
			start.photoDesk, mem.photoDesk = "not measured: "+err.Error(), "not measured"
			return []row{start, mem}
		}
		hw, hwKB, err := traced(b, hello, "window shown")
		if err != nil {
			start.floor = "hello world not measured: " + err.Error()
			return []row{start, mem}
		}
		pds, hws = append(pds, launchResult{pd, pdKB}), append(hws, launchResult{hw, hwKB})
	}
	pd, pdLow, pdHigh := median(pds, func(r launchResult) time.Duration { return r.at["first photo shown"] })
	hw, hwLow, hwHigh := median(hws, func(r launchResult) time.Duration { return r.at["window shown"] })
	var steps []string
	for _, s := range []string{"sandbox started", "signed in", "window shown", "first results shown", "first photo shown"} {
		if d, ok := pd.at[s]; ok {
			steps = append(steps, fmt.Sprintf("%s %d ms", s, d.Milliseconds()))
		}
	}
	first, bare := pd.at["first photo shown"], hw.at["window shown"]
	start.photoDesk = fmt.Sprintf("%.2f s, %.2f-%.2f s (the median launch: %s)", first.Seconds(), pdLow.Seconds(), pdHigh.Seconds(), strings.Join(steps, ", "))
	start.floor = fmt.Sprintf("%.2f s, %.2f-%.2f s (bare window shown)", bare.Seconds(), hwLow.Seconds(), hwHigh.Seconds())
	start.ratio = fmt.Sprintf("%.2fx", first.Seconds()/bare.Seconds())
	mem = memoryRow(b, bin, hw.kb)
	mem.photoDesk += fmt.Sprintf("; %d MB at the first photo", pd.kb/1024)
	return []row{start, mem}
}
