package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/importer"
)

const importUsage = `usage: photodesk import --folder DIR [--match id,upn,mail,alias,name] [--replace]
                        [--dry-run] [--report FILE] [--backup DIR] [--resume] [--force]
       photodesk import --undo REPORT_OR_JOURNAL [--backup DIR]

Put a folder of photos onto the people they are named after. Each file is
matched by its name without the extension, case-insensitively, accents
kept, by the first rule that finds someone:
  id     the object id            (3f2a…-….jpg)
  upn    the userPrincipalName    (ann.lee@contoso.com.jpg)
  mail   the mail address
  alias  the mailNickname         (annl.jpg)
  name   the display name, written "First Last", "First.Last" or
         "Last, First"            (Lee, Ann.jpg)
Lookups go in $batch requests (15 names a filter), never one per file.

Flags:
  --folder DIR    the photos (the folder itself, not its sub-folders)
  --match RULES   which rules to use, comma-separated (default all five)
  --replace       also replace photos people have already (default: they
                  are skipped and reported)
  --dry-run       match and report only: nothing is sent (report status
                  matched for what would be sent)
  --report FILE   the report CSV (default: next to the folder,
                  DIR-import.csv): file,status,rule,id,userPrincipalName,
                  displayName,width,height,bytes,backup,error with status
                  uploaded, replaced, skipped, unmatched, ambiguous,
                  invalid, duplicate, cannot back up, error (matched in a
                  dry run); width, height and bytes are the file's
  --backup DIR    backups and change log (default: Photo Desk's backups
                  folder; with --sandbox, that sandbox's own folder under
                  it, sandbox/RUN); every replaced photo is saved there first
  --resume        continue an import that stopped: files its journal
                  (FILE.journal.jsonl next to the report) shows as sent
                  are not sent again
  --force         replace an earlier report at the report's path (without
                  it, an import or a dry run never overwrites one: it is
                  the record of what an import sent)
  --undo PATH     undo an import, from its report or journal: replaced
                  photos are put back from their backups, photos the
                  import added are removed

` + connUsage + `
Each file is cropped to its centred square and sent as a JPEG of at most
648x648 under 100 KB, at most 4 photo requests at a time; throttled files
are retried after Graph's Retry-After, never dropped. Ambiguous files (two
people match) and duplicates (two files for one person) are not sent: rename
them, or use the window's Import photos… to pick. Nothing is sent to a
person Graph answers as having no Exchange Online mailbox (cannot back up):
their current photo cannot be read, so it cannot be backed up first, as
photodesk set says too. Ctrl+C lets the uploads
in flight finish and stops; --resume continues. A Ctrl+C that comes once
the last uploads are on their way is said, and changes no exit code.

Exit codes: 0 every matched file was uploaded (unmatched, ambiguous,
duplicate, invalid and cannot-back-up files do not fail the run), 1 an
upload failed or the import stopped, 2 usage error.
`

type importFlags struct {
	folder, match, report, undo string
	replace, dryRun, resume     bool
	force                       bool
	change                      changeFlags
}

func runImport(ctx context.Context, e *env, args []string) int {
	var f importFlags
	fs := newFlags("import")
	fs.StringVar(&f.folder, "folder", "", "")
	fs.StringVar(&f.match, "match", "id,upn,mail,alias,name", "")
	fs.StringVar(&f.report, "report", "", "")
	fs.StringVar(&f.undo, "undo", "", "")
	fs.BoolVar(&f.replace, "replace", false, "")
	fs.BoolVar(&f.dryRun, "dry-run", false, "")
	fs.BoolVar(&f.resume, "resume", false, "")
	fs.BoolVar(&f.force, "force", false, "")
	f.change.register(fs, false, false)
	if code, done := parseFlags(fs, e, args, importUsage); done {
		return code
	}
	if f.undo != "" {
		if f.folder != "" || f.dryRun || f.resume || f.replace {
			return usageFail(e, "import", usagef("--undo goes with --backup and the connection flags only"))
		}
		if f.change.conn.sandbox {
			return nothingOfAnEarlierSandbox(e, "import", true)
		}
		return undoImport(ctx, e, &f)
	}
	rules, err := importer.ParseRules(f.match)
	switch {
	case f.folder == "":
		return usageFail(e, "import", usagef("--folder DIR is required"))
	case err != nil:
		return usageFail(e, "import", usagef("--match: %v", err))
	case f.dryRun && f.resume:
		return usageFail(e, "import", usagef("--dry-run sends nothing, so there is nothing to --resume"))
	}
	if err := folderToImport(f.folder); err != nil {
		return fail(e, "import", err)
	}
	report, err := f.reportPath()
	if err != nil {
		return fail(e, "import", err)
	}
	if err := f.reportFree(report); err != nil {
		return usageFail(e, "import", err)
	}
	// Before the first request, as export does: a dry run looked everyone
	// up and only then failed to save, and a run failed on its journal in
	// Go's words ("open …journal.jsonl: permission denied").
	if err := app.CheckWritable(filepath.Dir(report)); err != nil {
		return fail(e, "import", fmt.Errorf("cannot write the report %s: %w", report, err))
	}
	files, err := importer.Scan(f.folder)
	if err != nil {
		return fail(e, "import", err)
	}
	if len(files) == 0 {
		note(e.stderr, "import", "%s holds no files to import (sub-folders and hidden files are not looked in); nothing was sent", f.folder)
		return ExitOK
	}
	if f.resume {
		// As export --resume says of a missing report: the run is not
		// the continuation it was asked to be.
		if _, err := os.Stat(importer.JournalPath(report)); errors.Is(err, os.ErrNotExist) {
			note(e.stderr, "import", "no earlier import at %s (its journal is not there); sending every matched file", report)
		}
	}
	var journal *importer.Journal
	if !f.dryRun {
		// Before the first request: the journal proves the report's
		// folder writable, and a run that cannot keep one must not start.
		if journal, err = importer.OpenJournal(importer.JournalPath(report)); err != nil {
			return fail(e, "import", err)
		}
		defer journal.Close()
	}
	sess, c, err := f.open(ctx, e)
	if err != nil {
		return fail(e, "import", err)
	}
	defer sess.close()
	plan, err := importer.BuildPlan(ctx, importer.GraphDirectory{Client: sess.client()}, f.folder, files, rules)
	if err != nil {
		return fail(e, "import", err)
	}
	plan.Replace = f.replace
	note(e.stderr, "import", "%s", previewLine(plan))
	if f.dryRun {
		if err := importer.WriteReport(report, plan, nil); err != nil {
			return fail(e, "import", err)
		}
		note(e.stderr, "import", "dry run: nothing was sent; report: %s", report)
		return ExitOK
	}
	sum, err := importer.Run(context.WithoutCancel(ctx), plan, importer.Options{
		Changer: c, Journal: journal, Resume: f.resume, Stop: ctx.Done(), Reader: sess.client(),
		Progress: newImportProgress(e.stderr).update,
	})
	if err != nil {
		return fail(e, "import", err)
	}
	if err := importer.WriteReport(report, plan, sum); err != nil {
		return fail(e, "import", err)
	}
	note(e.stderr, "import", "%s", resultLine(sum))
	if sum.Foreign > 0 {
		note(e.stderr, "import", "resume: %s made by another account or in another tenant; %s not skipped",
			plural(sum.Foreign, "photo change was", "photo changes were"), pick(sum.Foreign, "its file was", "their files were"))
	}
	if sum.Uploaded+sum.Replaced+sum.Unanswered > 0 && sess.sandboxRun == "" {
		note(e.stderr, "import", "report: %s; undo with: %s", report, f.undoCommand(report))
	} else {
		// Nothing was sent, or nothing went through: an undo command
		// said there was something to undo. A sandbox started for this
		// command is gone when it ends: no undo can follow.
		note(e.stderr, "import", "report: %s", report)
	}
	return importEnd(e, sum)
}

// importEnd says how the run ended, as its last lines, and returns the
// exit code: 1 when it stopped before the end or a file failed.
func importEnd(e *env, sum *importer.Summary) int {
	switch {
	case sum.Stopped:
		note(e.stderr, "import", "%s before the end: run it again with --resume to continue", e.stopped())
		return ExitFailure
	case sum.StopCameLate:
		// The run ended as it would have without Ctrl+C; saying nothing
		// left the person who pressed it wondering what was cut off.
		note(e.stderr, "import", "Ctrl+C came after the last uploads were sent: they finished, and nothing was left to send")
	}
	if sum.Failed() {
		note(e.stderr, "import", "%s not be uploaded: see the report's error column", plural(sum.Errors, "file could", "files could"))
		return ExitFailure
	}
	return ExitOK
}

// undoCommand is the command that undoes this import: with --backup
// when the import was given one, since the undo finds the changes in that
// folder's change log and nowhere else.
func (f *importFlags) undoCommand(report string) string {
	cmd := "photodesk import --undo " + commandWord(report)
	if f.change.backup != "" {
		if dir, err := f.change.backupDir(); err == nil {
			cmd += " --backup " + commandWord(dir)
		}
	}
	return cmd
}

// commandWord is s as one word of a command to paste: as it is when
// nothing in it needs quoting, else quoted for the shell at hand.
func commandWord(s string) string {
	if runtime.GOOS != "windows" {
		// By what may stand bare, not by what may not: a backslash or a
		// newline left bare is read by the shell, not kept.
		return shellQuote(s)
	}
	if s != "" && !strings.ContainsAny(s, " \t'\"$`&|;<>()*?[]#~!{}") {
		return s
	}
	return `"` + s + `"`
}

// open connects, asking for write permission unless this is a dry run.
func (f *importFlags) open(ctx context.Context, e *env) (*session, *change.Changer, error) {
	if f.dryRun {
		sess, err := f.change.conn.open(ctx, e)
		return sess, nil, err
	}
	c, sess, err := f.change.changer(ctx, e, change.PermPhotoWrite)
	return sess, c, err
}

// reportPath is --report, made absolute, or the default next to the
// folder.
func (f *importFlags) reportPath() (string, error) {
	if f.report != "" {
		if f.report == "-" {
			return "", usagef("--report needs a file: the report is written when the import ends")
		}
		return filepath.Abs(f.report)
	}
	path, err := importer.DefaultReportPath(f.folder)
	if errors.Is(err, importer.ErrRootHasNoReportPlace) {
		return "", usagef("%v, or name the report with --report FILE", err)
	}
	return path, err
}

// reportFree checks, before the first request, that the report may be
// written at path: not a folder, and not an earlier import's report (the
// record of what it sent: a journal lies beside it; a dry run's has none
// and is simply replaced) unless this run resumes that import or --force
// says to replace it.
func (f *importFlags) reportFree(path string) error {
	if dir := filepath.Dir(path); !isDir(dir) {
		return usagef("cannot write the report %s: folder %s does not exist", path, dir)
	}
	if err := app.NotAFile(path); err != nil {
		return usagef("--report: %v", err)
	}
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return nil
	case fi.IsDir():
		return usagef("--report %s is a folder; name a file, e.g. %s", path, filepath.Join(path, "import.csv"))
	case f.force || (f.resume && !f.dryRun):
		return nil
	}
	if _, err := os.Stat(importer.JournalPath(path)); err != nil {
		return nil // no import sent anything under this report: a dry run's, or a stranger's file
	}
	if f.dryRun {
		// A dry run cannot resume: naming --resume here sent people into
		// a usage error.
		return usagef("%s exists (an earlier import's report): give the dry run --report another file, or --force to replace that report", path)
	}
	return usagef("%s exists (an earlier import's report): --resume that import, --force to replace the report, or --report another file", path)
}

// undoImport reverts the import whose report or journal f.undo names.
func undoImport(ctx context.Context, e *env, f *importFlags) int {
	path := f.undo
	if !strings.HasSuffix(path, ".jsonl") {
		path = importer.JournalPath(path)
	}
	lines, err := importer.ReadJournal(path)
	switch {
	case err != nil:
		return fail(e, "import", err)
	case len(lines) == 0:
		switch fi, statErr := os.Stat(path); {
		case statErr == nil && fi.Size() == 0:
			// An import stopped before its first upload (Ctrl+C during the
			// lookup) leaves its journal empty: it sent nothing.
			note(e.stderr, "import", "undo: nothing to undo: the journal at %s is empty, so that import sent nothing", path)
			return ExitOK
		case statErr == nil:
			return fail(e, "import", fmt.Errorf("the journal at %s holds no line that can be read: it is damaged, so what that import sent cannot be told", path))
		}
		return fail(e, "import", fmt.Errorf("no import journal at %s (it is written next to the report)", path))
	}
	j, err := importer.OpenJournal(path)
	if err != nil {
		return fail(e, "import", err)
	}
	defer j.Close()
	c, sess, err := f.change.changer(ctx, e, change.PermPhotoWrite)
	if err != nil {
		return fail(e, "import", err)
	}
	defer sess.close()
	if sess.sandboxRun != "" {
		return nothingOfAnEarlierSandbox(e, "import", false)
	}
	// Ctrl+C lets the undos on their way finish, as it does the uploads
	// of an import: cut off mid-send they would end in doubt.
	sum, err := importer.UndoImport(context.WithoutCancel(ctx), c, j, importer.UndoOptions{Stop: ctx.Done()})
	if nl := (*importer.NotInChangeLogError)(nil); errors.As(err, &nl) {
		hint := "run it with --backup and the folder the import used"
		if nl.Guessed != "" {
			hint = "its backups are in " + nl.Guessed + ": photodesk import --undo " + commandWord(f.undo) + " --backup " + commandWord(nl.Guessed)
		}
		return failWith(e, "import", err, fmt.Sprintf(
			"Nothing was undone: the change log in %s holds none of this import's changes, so the import was made with another backups folder; %s.",
			nl.Dir, hint))
	}
	if err != nil && sum == nil {
		return fail(e, "import", err)
	}
	if sum.Restored+sum.Removed+sum.Unsent+len(sum.Failed)+sum.Foreign+sum.Left == 0 && err == nil {
		note(e.stderr, "import", "undo: nothing to undo: every photo this import changed was put back already (or none was changed)")
		return ExitOK
	}
	note(e.stderr, "import", "undo: %s put back from backups, %s the import added removed",
		plural(sum.Restored, "photo", "photos"), plural(sum.Removed, "photo", "photos"))
	if sum.Foreign > 0 {
		note(e.stderr, "import", "undo: %s made by another account or in another tenant; %s left alone (undo %s signed in as that account)",
			plural(sum.Foreign, "photo change was", "photo changes were"), pick(sum.Foreign, "it is", "they are"), pick(sum.Foreign, "it", "them"))
	}
	if sum.AlreadyUndone > 0 {
		note(e.stderr, "import", "undo: %s undone already (by photodesk undo or the window's Undo last change); nothing sent for %s",
			plural(sum.AlreadyUndone, "change was", "changes were"), pick(sum.AlreadyUndone, "it", "them"))
	}
	if sum.Unsent > 0 {
		note(e.stderr, "import", "undo: %s that got no answer had not gone through; nothing to undo for %s",
			plural(sum.Unsent, "upload", "uploads"), pick(sum.Unsent, "it", "them"))
	}
	for _, fl := range sum.Failed {
		note(e.stderr, "import", "undo: %s (%s): %s", fl.File, fl.UPN, fl.Err)
	}
	if sum.Left > 0 {
		note(e.stderr, "import", "undo: %s before %s undone (the undos on their way finished): run the same command again to undo the rest",
			e.stopped(), plural(sum.Left, "change was", "changes were"))
	}
	if len(sum.Failed) > 0 || sum.Left > 0 || err != nil {
		return ExitFailure
	}
	return ExitOK
}

// previewLine counts the plan's statuses; cannot back up only when a
// file has it, with why in a few words (the report's error column has the
// rest).
func previewLine(p *importer.Plan) string {
	c := p.Count()
	line := fmt.Sprintf("%s: will upload %d, will replace %d%s, no match %d, ambiguous %d, duplicate %d, invalid %d",
		plural(len(p.Items), "file", "files"), c[importer.StatusUpload], c[importer.StatusReplace], replaceNote(p),
		c[importer.StatusNoMatch], c[importer.StatusAmbiguous], c[importer.StatusDuplicate], c[importer.StatusInvalid])
	if n := c[importer.StatusNoBackup]; n > 0 {
		line += fmt.Sprintf(", cannot back up %d (%s)", n, importer.NoBackupWhy)
	}
	return line
}

func replaceNote(p *importer.Plan) string {
	if p.Replace || p.Count()[importer.StatusReplace] == 0 {
		return ""
	}
	return " (skipped: no --replace)"
}

// resultLine is the run's summary.
func resultLine(s *importer.Summary) string {
	line := fmt.Sprintf("uploaded %d, replaced %d, skipped %d", s.Uploaded, s.Replaced, s.Skipped)
	if s.NotReached > 0 {
		line += fmt.Sprintf(", not reached %d (not sent: --resume sends them)", s.NotReached)
	}
	if s.NoBackup > 0 {
		line += fmt.Sprintf(", cannot back up %d (%s)", s.NoBackup, importer.NoBackupWhy)
	}
	line += fmt.Sprintf(", errors %d in %s", s.Errors, s.Elapsed.Round(100*time.Millisecond))
	if s.Resumed > 0 {
		line += fmt.Sprintf(" (%d sent by the earlier run)", s.Resumed)
	}
	return line
}

// pick is one for a count of 1, else many ("0 files", as English says):
// the words after plural's number.
func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// folderToImport says why dir cannot be imported from: not there, a
// file, or unreadable. A mistyped path was called "not a folder", which
// reads as the wrong kind of thing rather than a typo.
func folderToImport(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("--folder %s: no such folder", dir)
	case err != nil:
		return fmt.Errorf("--folder %s cannot be read: %w", dir, app.PathReason(err))
	case !fi.IsDir():
		return fmt.Errorf("--folder %s is a file, not a folder", dir)
	}
	return nil
}
