package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/app/importer"
)

// importLineEvery is how often a running import prints its counts: they
// are note lines, which go to logs as often as to a terminal.
const importLineEvery = 2 * time.Second

// importProgress prints a running import's counts on stderr: the first
// once a batch is on its way, then one every importLineEvery, and the last.
type importProgress struct {
	w    io.Writer
	last time.Time
	now  func() time.Time
}

func newImportProgress(w io.Writer) *importProgress {
	return &importProgress{w: w, now: time.Now}
}

// update is importer.Options.Progress; the run calls it one at a time.
func (ip *importProgress) update(p importer.Progress) {
	if p.Done == 0 && p.InFlight == 0 && p.Preparing == 0 {
		return // the total alone: the preview line above said it
	}
	if now := ip.now(); now.Sub(ip.last) >= importLineEvery || p.Done == p.Total {
		ip.last = now
		note(ip.w, "import", "%s", importProgressLine(p))
	}
}

// importProgressLine is "20/60 sent  uploaded 12  replaced 8  errors 0
// 20 on their way  20 being prepared": sent counts files answered, and
// those out with no answer yet are said apart, so a slow Graph's first
// batch does not read as nothing happening; so are those still being
// read and decoded, which Ctrl+C does not send.
func importProgressLine(p importer.Progress) string {
	line := fmt.Sprintf("%d/%d sent  uploaded %d  replaced %d  errors %d", p.Done, p.Total, p.Uploaded, p.Replaced, p.Errors)
	if p.InFlight > 0 {
		line += fmt.Sprintf("  %d %s", p.InFlight, export.OnItsWay(p.InFlight))
	}
	if p.Preparing > 0 { // read and decoded, not sent yet: Ctrl+C does not send them
		line += fmt.Sprintf("  %d being prepared", p.Preparing)
	}
	return line
}
