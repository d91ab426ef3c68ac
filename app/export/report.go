package export

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/photodesk/photodesk/app"
)

// Status is the outcome for one person (and size) in the report.
type Status string

// The outcomes the report knows; anything unusual (an unknown UPN, a
// corrupt image) is an error with words.
const (
	StatusOK      Status = "ok"
	StatusNoPhoto Status = "no-photo"
	StatusError   Status = "error"
	// StatusSkipped is a group's member that is not a user (a nested
	// group, a device, a contact): nobody's photo to export, and not an
	// error a script counting errors should count.
	StatusSkipped Status = "skipped"
	// StatusExists is a photo fetched but not saved: a file of that name
	// was already in the folder and the run had no Force.
	StatusExists Status = "exists"
)

// Row is one line of the report: one person at one size. Width, Height,
// ContentType and ETag describe the photo as served; File is relative to
// the export folder and empty when nothing was written.
type Row struct {
	ID          string
	UPN         string
	DisplayName string
	Status      Status
	Size        string // "largest", "240x240"...; for ModeNone the photo's own id
	Width       int
	Height      int
	ContentType string
	ETag        string
	File        string
	Error       string
	// Small says the person's largest photo is 240x240 or less, Square
	// that this row's photo is square; FlagUnknown where no photo was
	// seen or, for Small, the largest size was never asked for.
	Small, Square Flag
	// Tenant is the id of the tenant the export ran in (the token's tid),
	// so a resume signed in to another tenant is refused rather than mix
	// two tenants' people in one folder and report; "" when the token
	// did not say, and in reports from before the column.
	Tenant string
}

// Flag is a true/false report cell that may also be unknown (empty), so a
// spreadsheet can filter on it.
type Flag string

// The values of a Flag.
const (
	FlagUnknown Flag = ""
	FlagTrue    Flag = "true"
	FlagFalse   Flag = "false"
)

func flagOf(b bool) Flag {
	if b {
		return FlagTrue
	}
	return FlagFalse
}

// ReportHeader is the report's first line; the column names are part of
// the command line's contract, so scripts can rely on them.
var ReportHeader = []string{
	"id", "userPrincipalName", "displayName", "status", "size", "width",
	"height", "contentType", "etag", "file", "error", "small", "square",
	"tenant",
}

// record is the row's cells as written. The error cell is words from
// Graph or the network, which may echo a token or carry escape sequences,
// so it is sanitised; the CSVWriter neutralises formulas in every cell.
func (r Row) record() []string {
	return []string{
		r.ID, r.UPN, r.DisplayName, string(r.Status), r.Size,
		itoa(r.Width), itoa(r.Height), r.ContentType, r.ETag, r.File, app.Sanitize(r.Error),
		string(r.Small), string(r.Square), r.Tenant,
	}
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// ReportWriter writes report rows as CSV and flushes after each one, so a
// run stopped by Ctrl+C (or a crash) leaves every finished row on disk. It
// is safe for concurrent use.
type ReportWriter struct {
	mu sync.Mutex
	w  *app.CSVWriter
	// tenant, when known, is written in every row, the last report's
	// rows a resume carries over included: from then on they are this
	// tenant's export's.
	tenant string
}

// NewReportWriter writes the header line and returns the writer.
func NewReportWriter(w io.Writer) (*ReportWriter, error) {
	rw := &ReportWriter{w: app.NewCSVWriter(w)}
	if err := rw.writeRecord(ReportHeader); err != nil {
		return nil, err
	}
	return rw, nil
}

// Write appends one row and flushes it through.
func (rw *ReportWriter) Write(r Row) error {
	if rw.tenant != "" {
		r.Tenant = rw.tenant
	}
	return rw.writeRecord(r.record())
}

func (rw *ReportWriter) writeRecord(rec []string) error {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if err := rw.w.Write(rec); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	rw.w.Flush()
	if err := rw.w.Error(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// ReadReport parses a report written by ReportWriter (columns found by
// name, so reordered or extra columns still read), for Resume.
func ReadReport(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read report header: %w", err)
	}
	col := make(map[string]int, len(header))
	for i, h := range header {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	for _, need := range []string{"id", "status", "file", "etag"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("read report: no %q column (want %s)", need, strings.Join(ReportHeader, ","))
		}
	}
	var rows []Row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			// A run killed mid-write can leave a torn last line; keep
			// what parsed, the torn person is simply fetched again.
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return rows, nil
			}
			return nil, fmt.Errorf("read report: %w", err)
		}
		get := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(rec) {
				return ""
			}
			return app.ReadCell(rec[i])
		}
		w, _ := strconv.Atoi(get("width"))
		h, _ := strconv.Atoi(get("height"))
		rows = append(rows, Row{
			ID: get("id"), UPN: get("userPrincipalName"), DisplayName: get("displayName"),
			Status: Status(get("status")), Size: get("size"), Width: w, Height: h,
			ContentType: get("contentType"), ETag: get("etag"), File: get("file"), Error: get("error"),
			Small: Flag(get("small")), Square: Flag(get("square")), Tenant: get("tenant"),
		})
	}
}
