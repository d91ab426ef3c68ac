package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/export"
)

const exportUsage = `usage: photodesk export SOURCE --out DIR [--size S|all|none] [--report FILE.csv] [--resume]

Export the profile photos of many people, or audit them (--size none).

SOURCE (one of):
  --group ID           the group's members (paged; members that are not
                       users are reported and skipped)
  --users-file FILE    one id or UPN a line; a .csv with a userPrincipalName
                       or id header column also works
  --all-users          every user in the directory

Flags:
  --out DIR            folder for the photos, created if missing; files are
                       named <upn>_<W>x<H>.<ext> and written atomically
  --size S             largest (default), one of 48x48 ... 648x648 (a size
                       that was not uploaded falls back to the largest
                       smaller one), all (every stored size), or none
                       (metadata only: no files, the fast audit)
  --report FILE.csv    the report (default DIR/report.csv; "-" = stdout),
                       one row per person and size, flushed as it goes:
                       id,userPrincipalName,displayName,status,size,width,
                       height,contentType,etag,file,error
                       status is ok, no-photo or error
  --resume             skip people whose file is still in DIR and whose
                       photo ETag is unchanged since the last report; this
                       costs one metadata request per such person (batched
                       20 at a time) instead of the download

` + connUsage + `
Photos go through $batch, 20 a request, at most 4 photo requests in flight;
throttled requests are retried after their Retry-After. Ctrl+C stops
cleanly: finished files stay and the report lists every finished person.

Exit codes: 0 every person ok or without photo (group members that are not
users are skipped, not errors), 1 errors (see the report's error column) or
the export stopped, 2 usage error.
`

type exportFlags struct {
	group, usersFile string
	allUsers         bool
	out, size        string
	report           string
	resume           bool
	conn             connFlags
}

func runExport(ctx context.Context, e *env, args []string) int {
	var f exportFlags
	fs := newFlags("export")
	fs.StringVar(&f.group, "group", "", "")
	fs.StringVar(&f.usersFile, "users-file", "", "")
	fs.BoolVar(&f.allUsers, "all-users", false, "")
	fs.StringVar(&f.out, "out", "", "")
	fs.StringVar(&f.size, "size", "largest", "")
	fs.StringVar(&f.report, "report", "", "")
	fs.BoolVar(&f.resume, "resume", false, "")
	f.conn.register(fs)
	if code, done := parseFlags(fs, e, args, exportUsage); done {
		return code
	}
	opts, err := f.options(flagSet(fs))
	if err != nil {
		return usageFail(e, "export", err, exportUsage)
	}
	if f.usersFile != "" {
		people, err := app.ReadPeopleList(f.usersFile)
		if err != nil {
			return fail(e, "export", err)
		}
		opts.Source.People = append([]string{}, people...) // an empty file is an empty export
	}
	if opts.Dir != "" {
		if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
			return fail(e, "export", err)
		}
	}
	reportPath := f.reportPath()
	if f.resume {
		prev, err := readPrevious(reportPath)
		if err != nil {
			return fail(e, "export", err)
		}
		if prev == nil {
			note(e.stderr, "export", "no earlier report at %s; exporting everyone", reportPath)
		}
		opts.Resume, opts.Previous = true, prev
	}
	report, closeReport, err := openReport(e, reportPath)
	if err != nil {
		return fail(e, "export", err)
	}
	defer closeReport()
	opts.Report = report

	sess, err := f.conn.open(ctx, e)
	if err != nil {
		return fail(e, "export", err)
	}
	defer sess.close()
	opts.Client, opts.Waits = sess.client(), sess.meter

	bar := newProgressPrinter(e.stderr, isTerminal(e.stderr))
	opts.Progress = bar.update
	sum, err := export.Run(ctx, opts)
	if sum != nil {
		bar.finish(sum.Progress)
		note(e.stderr, "export", "%s", sum)
		if n, total := sess.meter.Totals(); n > 0 {
			note(e.stderr, "export", "waited out %d Retry-After answers, %s in all", n, total.Round(1e7))
		}
	}
	if reportPath != "-" {
		note(e.stderr, "export", "report: %s", reportPath)
	}
	switch {
	case sum != nil && sum.Cancelled:
		note(e.stderr, "export", "stopped before the end: finished files are kept and listed in the report")
		return ExitFailure
	case err != nil:
		return fail(e, "export", err)
	case sum.Errors > 0:
		note(e.stderr, "export", "%d rows are errors: see the report's error column", sum.Errors)
		return ExitFailure
	}
	return ExitOK
}

// options checks the flags and turns them into export options (without
// the client, the report and the people list, which need I/O).
func (f *exportFlags) options(set map[string]bool) (export.Options, error) {
	var opts export.Options
	if err := exactlyOne(set, "group", "users-file", "all-users"); err != nil {
		return opts, err
	}
	sizes, err := export.ParseSizes(f.size)
	if err != nil {
		return opts, usagef("--size: %v", err)
	}
	opts.Sizes = sizes
	if f.out == "" && !(sizes.Mode == export.ModeNone && f.report != "") {
		return opts, usagef("--out DIR is required (with --size none, --report FILE alone will do)")
	}
	if f.resume && f.report == "-" {
		return opts, usagef("--resume needs the last report as a file, not -")
	}
	opts.Dir = f.out
	switch {
	case f.group != "":
		opts.Source.GroupID = f.group
	case f.allUsers:
		opts.Source.AllUsers = true
	case f.usersFile == "":
		return opts, usagef("--users-file needs a file name")
	default:
		opts.Source.People = []string{} // filled in after reading the file
	}
	return opts, nil
}

func (f *exportFlags) reportPath() string {
	if f.report != "" {
		return f.report
	}
	return filepath.Join(f.out, "report.csv")
}

// readPrevious reads the last run's report for --resume; a missing report
// is not an error, just nothing to resume from.
func readPrevious(path string) ([]export.Row, error) {
	fh, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the last report: %w", err)
	}
	defer fh.Close()
	rows, err := export.ReadReport(fh)
	if err != nil {
		return nil, fmt.Errorf("read the last report %s: %w", path, err)
	}
	return rows, nil
}

// openReport opens the report for writing: stdout for "-", else the file,
// replaced (its rows were read first when resuming).
func openReport(e *env, path string) (io.Writer, func(), error) {
	if path == "-" {
		return e.stdout, func() {}, nil
	}
	fh, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("create report: %w", err)
	}
	return fh, func() { _ = fh.Close() }, nil
}
