package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/photodesk/photodesk/app"
)

// The report file of a run that may be resumed, shared by the command
// line's export (--resume) and the window's (Resume): one way to read the
// last report and one way to write the next, so the two never disagree
// about what a resumed run keeps.

// ReadPrevious reads the report an earlier run left at path, for
// Options.Previous; a missing report is not an error, just nothing to
// resume from (nil rows).
func ReadPrevious(path string) ([]Row, error) {
	fh, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the last report: %w", err)
	}
	defer fh.Close()
	rows, err := ReadReport(fh)
	if err != nil {
		return nil, fmt.Errorf("read the last report %s: %w", path, err)
	}
	return rows, nil
}

// ReportFile is a report being written to its path. It is written as a
// temporary file beside the path and put in place with its first row, so a
// symlink at the path is replaced, never followed (issue 14); the header
// is held back until a row follows it, so a run that fails before anyone
// is done leaves the last report as it was and a resume still has it. A
// resumed run's file (CreateReport with resume) keeps the last report in
// place until Finish: the rows of people it has not reached are copied
// over only at the end, so a crash in between must not lose them.
type ReportFile struct {
	f       *app.AtomicFile
	created bool // no report was there before this run
	holdOld bool // the last report stays in place until Finish (a resume)
	started bool
	held    []byte
	err     error
}

// CreateReport starts the report at path; resume says the run resumes the
// report there (Options.Resume), which then stays in place until Finish.
func CreateReport(path string, resume bool) (*ReportFile, error) {
	_, err := os.Lstat(path)
	existed := err == nil
	f, err := app.CreateAtomic(path)
	if err != nil {
		return nil, err
	}
	return &ReportFile{f: f, created: !existed, holdOld: resume && existed}, nil
}

// headerLen is the length of the report's header line as csv writes it.
var headerLen = len(strings.Join(ReportHeader, ",")) + 1

// Write takes the report's bytes, holding the header back until a row
// follows it.
func (l *ReportFile) Write(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if l.started {
		n, err := l.f.Write(p)
		l.err = err
		return n, err
	}
	l.held = append(l.held, p...)
	if len(l.held) > headerLen {
		if l.err = l.start(); l.err != nil {
			return 0, l.err
		}
	}
	return len(p), nil
}

// Started reports that a row was written: the file holds this run's report.
func (l *ReportFile) Started() bool { return l.started }

// Created reports that no report was at the path before this run.
func (l *ReportFile) Created() bool { return l.created }

// start writes what was held back and puts the report in place of the
// last one, so its rows can be followed (and survive a crash) as the run
// goes on.
func (l *ReportFile) start() error {
	l.started = true
	_, err := l.f.Write(l.held)
	l.held = nil
	if err != nil || l.holdOld {
		return err
	}
	return l.f.Publish()
}

// Finish moves the report into place. Without a row, a successful run
// (ok; nobody to export) still gets its header; a failed one leaves the
// last report alone, or no report at all if there was none. The error is
// the report's alone: it could not be put in place.
func (l *ReportFile) Finish(ok bool) error {
	if !l.started && ok && len(l.held) > 0 {
		_ = l.start()
	}
	if !l.started {
		l.f.Abort()
		return nil
	}
	return l.f.Commit()
}
