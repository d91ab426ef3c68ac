package export

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// TestNoProgressAfterRunReturns: Run's progress ticker could still be
// running, or about to tick, when Run returned, so a Progress call came
// after the caller had drawn the summary: the command line's bar was
// drawn again below its closing lines, and the window could put the
// progress line back over the summary. Run now returns only once its
// goroutines have all ended.
func TestNoProgressAfterRunReturns(t *testing.T) {
	var ticked atomic.Pointer[chan struct{}]
	client := fakeBatchGraph(t, 1, func(url, entry string) *batchItem {
		if strings.Contains(url, "/photo") {
			<-*ticked.Load() // the server is slow: the ticker reports meanwhile
			return throttledBatchItem("0")
		}
		return nil
	})
	for range 5 {
		var returned, late atomic.Bool
		var once sync.Once
		tick := make(chan struct{})
		ticked.Store(&tick)
		_, _, _, err := exportRun(t, t.Context(), Options{
			Client: client, Source: Source{People: []string{"slow@contoso.com"}},
			Sizes: Sizes{Mode: ModeOne, Size: graphapi.SizeLargest}, MaxRounds: 1,
			Progress: func(p Progress) {
				if returned.Load() {
					late.Store(true)
				}
				if p.Elapsed >= tickEvery && p.Done == 0 { // only a tick reports before the first row
					once.Do(func() { close(tick) })
				}
			},
		})
		returned.Store(true)
		if err != nil {
			t.Fatal(err)
		}
		if stack := allStacks(); strings.Contains(stack, "export.Run.func") {
			t.Fatalf("a goroutine of Run is still running after it returned:\n%s", stack)
		}
		if late.Load() {
			t.Fatal("Progress was called after Run returned")
		}
	}
}

// allStacks is every goroutine's stack.
func allStacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}
