package app

import (
	"encoding/csv"
	"io"
	"strings"
)

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula (CSV injection): "=HYPERLINK(…)" in a display name, an
// ETag or a file name must stay text when a report is opened in Excel.
const formulaStarts = "=+-@\t\r"

// CSVWriter is the one way Photo Desk writes CSV: a csv.Writer that
// neutralises every cell with SafeCell, so no column can be forgotten.
type CSVWriter struct {
	w *csv.Writer
}

// NewCSVWriter returns a CSVWriter writing to w.
func NewCSVWriter(w io.Writer) *CSVWriter {
	return &CSVWriter{w: csv.NewWriter(w)}
}

// Write writes one record, every cell passed through SafeCell; like
// csv.Writer it buffers, so call Flush.
func (c *CSVWriter) Write(record []string) error {
	safe := make([]string, len(record))
	for i, cell := range record {
		safe[i] = SafeCell(cell)
	}
	return c.w.Write(safe)
}

// Flush writes any buffered data through.
func (c *CSVWriter) Flush() { c.w.Flush() }

// Error reports any error from an earlier Write or Flush.
func (c *CSVWriter) Error() error { return c.w.Error() }

// SafeCell gives a cell that a spreadsheet would run as a formula a
// leading apostrophe, which spreadsheets show as text and ReadCell removes.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune(formulaStarts, rune(s[0])) {
		return "'" + s
	}
	return s
}

// ReadCell undoes SafeCell, for reading back a CSV that Photo Desk wrote.
func ReadCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune(formulaStarts, rune(s[1])) {
		return s[1:]
	}
	return s
}
