package importer

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/photodesk/photodesk/app"
)

// ReportHeader is the report's first line; the columns are the command
// line's contract.
var ReportHeader = []string{
	"file", "status", "rule", "id", "userPrincipalName", "displayName",
	"width", "height", "bytes", "backup", "error",
}

// Report statuses that are not run outcomes.
const (
	ReportMatched   = "matched" // a dry run: would be sent
	ReportUnmatched = "unmatched"
	ReportAmbiguous = "ambiguous"
	ReportInvalid   = "invalid"
	ReportDuplicate = "duplicate"
	// ReportNoBackup: the person's photo cannot be read or backed up (no
	// Exchange Online mailbox), so nothing is sent to them.
	ReportNoBackup = "cannot back up"
)

// ErrRootHasNoReportPlace is DefaultReportPath's error for a root folder,
// which has no folder around it for its report.
var ErrRootHasNoReportPlace = errors.New("a drive's root has no folder around it for the import's report")

// DefaultReportPath is the report next to the folder (not in it, so a
// second scan does not take it for a photo): "<folder>-import.csv".
func DefaultReportPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if filepath.Dir(abs) == abs {
		// A drive's or the file system's root has nothing beside it: its
		// report would be "/-import.csv", in a folder few may write to.
		return "", fmt.Errorf("%s: %w; put the photos in a folder of their own", abs, ErrRootHasNoReportPlace)
	}
	return filepath.Join(filepath.Dir(abs), filepath.Base(abs)+"-import.csv"), nil
}

// Row is one file's line of the report.
func Row(p *Plan, i int, res *Result) []string {
	it := p.Items[i]
	status, errText := planStatus(p, it), it.Note
	if status == string(OutcomeSkipped) {
		// Why, as a run's row says it: a dry run's gave the item's note
		// (empty, or a warning about the picture) for a file not sent.
		errText = skipReason(p, it)
	}
	if res != nil {
		status, errText = string(res.Outcome), res.Err
	}
	rec := []string{it.File.Name, status, string(it.Rule), "", "", "", itoa(it.File.Width), itoa(it.File.Height), strconv.FormatInt(it.File.Size, 10), "", app.Sanitize(errText)}
	if it.User != nil {
		rec[3], rec[4], rec[5] = it.User.ID, it.User.UPN, it.User.DisplayName
	}
	if res != nil {
		rec[9] = res.Backup
	}
	if it.Status == StatusAmbiguous {
		var ids string
		for k, c := range it.Candidates {
			if k > 0 {
				ids += " "
			}
			ids += c.UPN
		}
		rec[10] = app.Sanitize(it.Note + ": " + ids)
	}
	return rec
}

// planStatus is a dry run's report status.
func planStatus(p *Plan, it *Item) string {
	switch it.Status {
	case StatusNoMatch:
		return ReportUnmatched
	case StatusAmbiguous:
		return ReportAmbiguous
	case StatusInvalid:
		return ReportInvalid
	case StatusDuplicate:
		return ReportDuplicate
	case StatusNoBackup:
		return ReportNoBackup
	}
	if p.Sends(it) {
		return ReportMatched
	}
	return string(OutcomeSkipped)
}

// WriteReport writes the report of plan p — of a run when sum is given,
// of a dry run when it is nil — to path, atomically (a temporary file
// renamed into place), every cell through the neutralising CSV writer.
func WriteReport(path string, p *Plan, sum *Summary) error {
	f, err := app.CreateAtomic(path)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer f.Abort()
	w := app.NewCSVWriter(f)
	if err := w.Write(ReportHeader); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for i := range p.Items {
		var res *Result
		if sum != nil {
			res = &sum.Results[i]
			if res.Outcome == OutcomeSkipped && !p.Items[i].Sendable() {
				res = nil // not a candidate for sending: the plan's own status says why
			}
		}
		if err := w.Write(Row(p, i, res)); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
