// Package starttrace tells how long the window takes to reach its first
// photo, step by step: with PHOTODESK_TRACE set, each step's first Mark
// prints "photodesk-trace: <step> <ms since start>" on stderr. `make
// bench` reads these lines. Event prints a line every time, for a test
// that drives the real window from outside (how a drag ended, under Wine).
// Nothing else depends on them, and without the variable neither prints.
package starttrace

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// start is as close to the process start as a package can see: package
// initialisation, before main.
var start = time.Now()

// Env is the variable that turns the trace on.
const Env = "PHOTODESK_TRACE"

var (
	enabled = os.Getenv(Env) != ""
	mu      sync.Mutex
	seen    = map[string]bool{}
)

// Mark notes that step was reached, the first time only.
func Mark(step string) {
	if !enabled {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	if seen[step] {
		return
	}
	seen[step] = true
	fmt.Fprintf(os.Stderr, "photodesk-trace: %s %d\n", step, time.Since(start).Milliseconds())
}

// Event notes that something happened, every time it does.
func Event(what string) {
	if !enabled {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	fmt.Fprintf(os.Stderr, "photodesk-trace: %s %d\n", what, time.Since(start).Milliseconds())
}
