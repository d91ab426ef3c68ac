package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/export"
)

const exportUsage = `usage: photodesk export SOURCE --out DIR [--size S|all|none] [--report FILE.csv] [--resume] [--force]
                        [--max-wait D] [--max-item-wait D]

Export the profile photos of many people, or audit them (--size none).

SOURCE (one of):
  --group ID           the group's members (ID is its object id, not its
                       name; paged; members that are not users are
                       reported and skipped)
  --users-file FILE    one id or UPN a line; a .csv with a userPrincipalName,
                       id or mail header column also works; an address that
                       is nobody's UPN (a guest's own mail) is looked up by mail
  --all-users          every user in the directory
  --groups-file FILE   the groups' own photos (not their members'): one
                       group a line, by object id, mail or display name
                       (whole; blank lines and # comments skipped), or a
                       .csv with an id, mail or displayName column
  --group-photo G      one group's own photo, G its id, mail or display
                       name; repeat it for more (with --groups-file too)
  An entry that is no group's, or that several groups answer to (a shared
  name), stops the export before anything is fetched: each such entry is
  named, a shared name with each group's id to give instead. Graph refuses
  group photos to applications: sign in as a user to export them.

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
                       height,contentType,etag,file,error,small,square,
                       tenant
                       status is ok, no-photo, error, exists (a file
                       of that name was already in DIR and was kept) or
                       skipped (a group member that is not a user);
                       a no-photo row of someone without a mailbox says
                       so in error;
                       small is true when the person's largest photo is
                       240x240 or less, square when the row's photo is
                       (empty when unknown); tenant is the id of the
                       tenant exported
  --resume             skip people whose file is still in DIR and whose
                       photo ETag is unchanged since the last report; this
                       costs one metadata request per such person (batched
                       20 at a time) instead of the download; files the
                       last report lists are replaced when they changed; a
                       report of another tenant's export is refused
  --force              replace an earlier report, and the photo files in
                       DIR named as this export names its own (the same
                       people and sizes); other files in DIR are never
                       touched (without it they are kept: photos get an
                       exists row, and a report already there stops the
                       export before it starts)
  --max-wait D         the longest one throttling wait may take (default
                       60s); a person Graph asks to wait longer becomes
                       an error row that --resume retries later
  --max-item-wait D    the most one person's waits may add up to
                       (default 3m)

` + connUsage + `
Photos go through $batch, 20 a request, at most 4 photo requests in flight;
throttled requests are retried after their Retry-After, up to --max-wait a
wait and --max-item-wait a person; a person asked to wait longer is an
error row that --resume retries. Ctrl+C stops cleanly: finished files stay and the report
lists every finished person. While it runs, DIR holds a lock file
(` + export.LockFileName + `): a second export into DIR is refused.

The closing line counts people, or for --group the members (a nested
group is a member but no person), or for --groups-file and --group-photo
the groups, each in one of: with a photo, without, error, skipped; and,
apart, the files written.

Exit codes: 0 every person ok or without photo (group members that are not
users are skipped, not errors), 1 errors (see the report's error column) or
the export stopped, 2 usage error.
`

type exportFlags struct {
	group, usersFile string
	allUsers         bool
	groupsFile       string
	groupPhotos      repeated
	out, size        string
	report           string
	resume, force    bool
	maxWait          time.Duration
	maxItemWait      time.Duration
	conn             connFlags
}

func runExport(ctx context.Context, e *env, args []string) int {
	var f exportFlags
	fs := newFlags("export")
	fs.StringVar(&f.group, "group", "", "")
	fs.StringVar(&f.usersFile, "users-file", "", "")
	fs.BoolVar(&f.allUsers, "all-users", false, "")
	fs.StringVar(&f.groupsFile, "groups-file", "", "")
	fs.Var(&f.groupPhotos, "group-photo", "")
	fs.StringVar(&f.out, "out", "", "")
	fs.StringVar(&f.size, "size", "largest", "")
	fs.StringVar(&f.report, "report", "", "")
	fs.BoolVar(&f.resume, "resume", false, "")
	fs.BoolVar(&f.force, "force", false, "")
	fs.DurationVar(&f.maxWait, "max-wait", export.DefaultMaxWait, "")
	fs.DurationVar(&f.maxItemWait, "max-item-wait", export.DefaultMaxItemWait, "")
	f.conn.register(fs)
	if code, done := parseFlags(fs, e, args, exportUsage); done {
		return code
	}
	opts, err := f.options(flagSet(fs))
	if err != nil {
		return usageFail(e, "export", err)
	}
	// The lists are read before the earlier report is looked at: a list
	// mistyped or unreadable is what to fix, and a refusal to replace the
	// report pointed at --resume or --force instead.
	if f.usersFile != "" {
		people, err := app.ReadPeopleList(f.usersFile)
		if err != nil {
			return fail(e, "export", err)
		}
		opts.Source.People = append([]string{}, people...) // an empty file is an empty export
		if len(people) == 0 {
			note(e.stderr, "export", "%s names nobody (one id or UPN a line, or a CSV with a userPrincipalName column): the export is empty", f.usersFile)
		}
	}
	var groupEntries []string
	if opts.Source.Groups != nil {
		if groupEntries, err = f.groupEntries(); err != nil {
			return fail(e, "export", err)
		}
		if len(groupEntries) == 0 {
			note(e.stderr, "export", "%s names no group (one group id, mail or display name a line): the export is empty", f.groupsFile)
		}
	}
	if err := f.keepsLastReport(); err != nil {
		return usageFail(e, "export", err)
	}
	runOK := false
	if opts.Dir != "" {
		fi, err := os.Stat(opts.Dir)
		switch {
		case err == nil && !fi.IsDir():
			return fail(e, "export", fmt.Errorf("--out %s is a file, not a folder", opts.Dir))
		case errors.Is(err, os.ErrNotExist):
			if err := export.MakeFolder(opts.Dir); err != nil {
				return fail(e, "export", err)
			}
			// A failed run leaves no empty folder behind (Remove keeps
			// a folder that has anything in it).
			defer func() {
				if !runOK {
					_ = os.Remove(opts.Dir)
				}
			}()
		case err != nil:
			return fail(e, "export", export.UnusableFolder(opts.Dir, err))
		}
		// Before the report and the first request: the lock keeps a
		// second export out of the folder, and creating it proves the
		// folder writable (issue 14), even when --report points elsewhere.
		lock, err := export.LockFolder(opts.Dir)
		switch {
		case errors.Is(err, export.ErrFolderInUse):
			return failWith(e, "export", err, fmt.Sprintf(
				"the folder %s is in use by another export; wait for it to finish or choose another --out", opts.Dir))
		case err != nil:
			return failWith(e, "export", err, fmt.Sprintf(
				"cannot write into the export folder %s: nothing was fetched; choose another --out", opts.Dir))
		}
		defer lock.Unlock()
	}
	reportPath := f.reportPath()
	if f.resume {
		prev, err := export.ReadPrevious(reportPath)
		if err != nil {
			return fail(e, "export", err)
		}
		if prev == nil {
			note(e.stderr, "export", "no earlier report at %s; exporting everyone", reportPath)
		}
		opts.Resume, opts.Previous = true, prev
	}
	report, finishReport, err := openReport(e, reportPath, opts.Resume)
	if err != nil {
		return fail(e, "export", err)
	}
	defer func() { finishReport(runOK) }()
	opts.Report = report

	sess, err := f.conn.open(ctx, e)
	if err != nil {
		return fail(e, "export", err)
	}
	defer sess.close()
	opts.Client, opts.Waits = sess.client(), sess.meter
	if opts.Source.Groups != nil && len(groupEntries) > 0 {
		if opts.Source.Groups, err = findGroups(ctx, e, sess, groupEntries); err != nil {
			return failWith(e, "export", err, err.Error())
		}
	}

	bar := newProgressPrinter(e.stderr, isTerminal(e.stderr))
	opts.Progress = bar.update
	sum, err := export.Run(ctx, opts)
	runOK = err == nil
	if other, ok := errors.AsType[*export.OtherTenantError](err); ok {
		// Refused before the first request: the folder and the last
		// report are as they were.
		who := ""
		if other.Account != "" {
			who = " (as " + other.Account + ")"
		}
		return failWith(e, "export", err, fmt.Sprintf(
			"--resume: %s is the report of an export in tenant %s, and this export is signed in to tenant %s%s; "+
				"resuming would mix both tenants' photos and rows, so nothing was fetched. "+
				"Resume it signed in to tenant %s, or export this tenant with another --out",
			reportPath, other.Previous, other.Current, who, other.Previous))
	}
	// Failed before anyone was done, and not stopped: the source could not
	// be listed (a group that is not there). "0 members: 0 with a photo…"
	// above the error read as a finished export of an empty group.
	failedEarly := err != nil && sum != nil && !sum.Cancelled && sum.Done == 0
	if failedEarly {
		bar.end()
	}
	if sum != nil && !failedEarly {
		bar.finish(sum.Progress)
		note(e.stderr, "export", "%s", sum)
		if asked, retries, total := sess.meter.Kinds(); asked+retries > 0 {
			note(e.stderr, "export", "%s", waitsNote(asked, retries, total))
		}
		if sum.Throttled > 0 {
			note(e.stderr, "export", "%s", requeuedNote(sum.Throttled))
		}
	}
	rf, isFile := report.(*export.ReportFile)
	noRows := isFile && !rf.Started() && !runOK
	switch {
	case noRows && !rf.Created():
		note(e.stderr, "export", "nobody finished: the last report %s is left as it was", reportPath)
	case noRows && failedEarly:
		// No report was to be expected: the error says why.
	case noRows:
		note(e.stderr, "export", "nobody finished: no report was written")
	case reportPath != "-":
		note(e.stderr, "export", "report: %s", reportPath)
	}
	switch {
	case sum != nil && sum.Cancelled && noRows:
		note(e.stderr, "export", "%s before anyone was finished", e.stopped())
		return ExitFailure
	case sum != nil && sum.Cancelled:
		note(e.stderr, "export", "%s before the end: finished files are kept and listed in the report", e.stopped())
		return ExitFailure
	case err != nil:
		return fail(e, "export", err)
	case sum.Errors > 0:
		note(e.stderr, "export", "%s ended in an error: see the report's error column", plural(sum.Errors, "person", "people"))
		return ExitFailure
	}
	return ExitOK
}

// options checks the flags and turns them into export options (without
// the client, the report and the people list, which need I/O).
func (f *exportFlags) options(set map[string]bool) (export.Options, error) {
	var opts export.Options
	// --groups-file and --group-photo are one source, given together or
	// apart.
	const groupsSource = "groups-file and/or --group-photo"
	one := map[string]bool{groupsSource: set["groups-file"] || set["group-photo"]}
	for _, k := range []string{"group", "users-file", "all-users"} {
		one[k] = set[k]
	}
	if err := exactlyOne(one, "group", "users-file", "all-users", groupsSource); err != nil {
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
	opts.Force = f.force
	if f.maxWait <= 0 || f.maxItemWait <= 0 {
		return opts, usagef("--max-wait and --max-item-wait take a duration above zero, e.g. 90s or 5m")
	}
	if f.maxItemWait < f.maxWait {
		return opts, usagef("--max-item-wait (%s) is shorter than --max-wait (%s): one wait could never be allowed", f.maxItemWait, f.maxWait)
	}
	opts.MaxWait, opts.MaxItemWait = f.maxWait, f.maxItemWait
	f.conn.maxWait = f.maxWait
	switch {
	case set["group"]:
		// Refused before any request, as get, set and remove refuse it.
		g, err := groupTarget(f.group) // spaces already dropped, as in every command (subject)
		if err != nil {
			return opts, err
		}
		opts.Source.GroupID = g.ID
	case f.allUsers:
		opts.Source.AllUsers = true
	case set["groups-file"] || set["group-photo"]:
		opts.Source.Groups = []app.Person{} // found once the session is open
	case f.usersFile == "":
		return opts, usagef("--users-file needs a file name")
	default:
		opts.Source.People = []string{} // filled in after reading the file
	}
	return opts, nil
}

// keepsLastReport refuses to replace an earlier export's report unless
// told how (issue 14, defect 6: an existing file is kept without --force):
// --resume continues that export and rewrites its report, --force
// replaces it. Checked before the folder, the lock or any request.
func (f *exportFlags) keepsLastReport() error {
	path := f.reportPath()
	if path == "-" {
		return nil
	}
	if err := app.NotAFile(path); err != nil {
		return usagef("--report: %v (--report - writes it to stdout)", err)
	}
	if f.resume || f.force {
		return nil
	}
	if fi, err := os.Lstat(path); err == nil && !fi.IsDir() {
		if !looksLikeReport(path) {
			// Not "the report of an earlier export", nor a hint to
			// --resume, which would fail to read it.
			return usagef("--report %s is a file, not an export's report, and is kept: --force replaces it, --report FILE writes elsewhere", path)
		}
		return usagef("%s is the report of an earlier export and is kept: --resume continues that export, --force replaces that report and the files this export writes again (others are left alone), --report FILE writes elsewhere", path)
	}
	return nil
}

// looksLikeReport reports whether the file at path begins as an export's
// report does, with its first two columns (export.ReportHeader: id,
// userPrincipalName).
func looksLikeReport(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return true // cannot tell: the careful words
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := io.ReadFull(f, head)
	return bytes.HasPrefix(bytes.TrimPrefix(head[:n], []byte("\uFEFF")), []byte(strings.Join(export.ReportHeader[:2], ",")))
}

func (f *exportFlags) reportPath() string {
	if f.report != "" {
		return f.report
	}
	return filepath.Join(f.out, "report.csv")
}

// openReport opens the report for writing: stdout for "-", else the file,
// checked now (a file, not a folder, in an existing folder that takes a
// new file) and written through export.ReportFile, as the window's resumed
// exports are: put in place with the first row, the last report left as
// it was by a run that fails before anyone is done, and kept in place by a
// resumed run until it ends. finish(ok) puts it in place (the header
// alone when the run succeeded without rows) and says so when it could
// not.
func openReport(e *env, path string, resume bool) (io.Writer, func(ok bool), error) {
	if path == "-" {
		return e.stdout, func(bool) {}, nil
	}
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.IsDir():
		return nil, nil, fmt.Errorf("--report %s is a folder; name a file, e.g. %s", path, filepath.Join(path, "report.csv"))
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, nil, fmt.Errorf("cannot write the report: %w", err)
	}
	if dir := filepath.Dir(path); !isDir(dir) {
		return nil, nil, fmt.Errorf("cannot write the report %s: folder %s does not exist", path, dir)
	}
	rf, err := export.CreateReport(path, resume)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot write the report: %w", err)
	}
	return rf, func(ok bool) {
		if err := rf.Finish(ok); err != nil {
			note(e.stderr, "export", "cannot save the report: %v", err)
		}
	}, nil
}

// isDir reports whether path is an existing folder.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
