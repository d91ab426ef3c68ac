package views

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/internal/testkit"
	"github.com/photodesk/photodesk/views/widgets"
)

// importHarness is the window on the shared sandbox with a token that may
// change photos, backups in a temporary folder, a record of the write
// permissions asked for, and a log of the sandbox's write requests.
type importHarness struct {
	*harness
	asked  []string
	mu     sync.Mutex
	writes map[string]int
}

func newImportHarness(t *testing.T) *importHarness {
	t.Helper()
	h := &importHarness{harness: newHarnessWith(t, harnessOptions{scopes: []string{"User.ReadBasic.All", "ProfilePhoto.ReadWrite.All"}}), writes: map[string]int{}}
	h.m.backups = filepath.Join(t.TempDir(), "backups")
	h.m.askWrite = func(perm string, then func(bool)) { h.asked = append(h.asked, perm); then(true) }
	h.tenant.Handler().Observe(func(s sandbox.Seen) {
		if s.Method == "PUT" || s.Method == "DELETE" {
			h.mu.Lock()
			h.writes[s.Method+" "+s.Path]++
			h.mu.Unlock()
		}
	})
	t.Cleanup(func() { h.tenant.Handler().Observe(nil) })
	h.waitResults()
	h.waitIdle()
	return h
}

func (h *importHarness) writeCount() (total int, most int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, n := range h.writes {
		total += n
		most = max(most, n)
	}
	return total, most
}

// preview opens Import photos… on dir and waits for the preview.
func (h *importHarness) preview(dir string) *importDialog {
	h.t.Helper()
	h.m.onImport()
	dlg := h.m.importDlg
	dlg.folder.SetText(dir)
	test.Tap(dlg.preview)
	h.waitFor("the preview", func() bool { return dlg.table != nil })
	return dlg
}

func (dlg *importDialog) item(name string) (int, *importer.Item) {
	for i, it := range dlg.plan.Items {
		if it.File.Name == name {
			return i, it
		}
	}
	return -1, nil
}

// The preview lists every file with its status and sends nothing; the
// person unticks a row, picks one of two people for an ambiguous file,
// turns replace on; Import asks for the write permission, sends exactly
// what was left ticked, and Undo this import takes it all back.
func TestImportPreviewChoicesRunAndUndo(t *testing.T) {
	h := newImportHarness(t)
	ex := h.tenant.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg", "Adele Vance.jpg", "Alan Hall.jpg", "Grady Archie.jpg", "Nobody Known.jpg")
	count := countInvalidations(h.harness)
	dlg := h.preview(dir)
	if total, _ := h.writeCount(); total != 0 {
		t.Fatalf("the preview sent %d writes", total)
	}
	if !strings.Contains(dlg.status.Text, "5 files: 2 will upload, 1 has a photo (skipped unless you tick Also replace), 1 no match, 1 ambiguous.") {
		t.Errorf("counts = %q", dlg.status.Text)
	}
	if dlg.start.Text != "Import 2 photos" {
		t.Errorf("button %q before any choice", dlg.start.Text)
	}
	// Untick Grady, tick replace (Adele), pick the second Alan Hall.
	grady, _ := dlg.item("Grady Archie.jpg")
	dlg.plan.SetTicked(grady, false)
	dlg.counted()
	dlg.replace.SetChecked(true)
	alan, it := dlg.item("Alan Hall.jpg")
	for row, i := range dlg.table.rows {
		if i == alan {
			dlg.table.showDetail(row)
		}
	}
	pick := dlg.table.detail.Objects[1].(interface{ SetSelectedIndex(int) })
	pick.SetSelectedIndex(1)
	chosen := it.Candidates[1]
	if it.User == nil || it.User.ID != chosen.ID || !dlg.plan.Sends(it) {
		t.Fatalf("after picking: %s %v", it.Status, it.User)
	}
	uploads, replaced := 1, 1 // Nestor had no photo, Adele had one
	if it.HasPhoto {
		replaced++
	} else {
		uploads++
	}
	if dlg.start.Text != "Import 3 photos" {
		t.Errorf("button %q, want 3 (Nestor, Adele replaced, the chosen Alan)", dlg.start.Text)
	}

	test.Tap(dlg.start)
	h.waitFor("the import to finish", func() bool { return dlg.run != nil && !dlg.run.running })
	if strings.Contains(dlg.status.Text, "Nothing is sent") {
		t.Errorf("after the run the line above still reads %q", dlg.status.Text)
	}
	if len(h.asked) == 0 || h.asked[0] != change.PermPhotoWrite {
		t.Errorf("write permission asked: %v", h.asked)
	}
	if want := fmt.Sprintf("Done: %d uploaded, %d replaced", uploads, replaced); !strings.HasPrefix(dlg.run.text.Text, want) {
		t.Errorf("summary %q", dlg.run.text.Text)
	}
	if total, most := h.writeCount(); total != 3 || most != 1 {
		t.Errorf("%d writes (at most %d a person), want 3, one each", total, most)
	}
	if h.writes["PUT /users/"+chosen.ID+"/photo/$value"] != 1 {
		t.Errorf("the chosen Alan Hall got no photo: %v", h.writes)
	}
	for _, id := range []string{ex.NoPhoto.ID, ex.FullHD.ID, chosen.ID} {
		if n := count.of(graphapi.User(id)); n != 1 {
			t.Errorf("the import invalidated %s %d times, want once", id, n)
		}
	}
	if _, err := os.Stat(dir + "-import.csv"); err != nil {
		t.Errorf("no report next to the folder: %v", err)
	}

	test.Tap(dlg.run.undo)
	h.tapDialogButton("Yes")
	h.waitFor("the undo", func() bool { return strings.HasPrefix(dlg.run.text.Text, "Undone") })
	if want := fmt.Sprintf("%s put back from their backups, %s the import added removed", plural(replaced, "photo", "photos"), plural(uploads, "photo", "photos")); !strings.Contains(dlg.run.text.Text, want) {
		t.Errorf("undo summary %q", dlg.run.text.Text)
	}
}

// A folder dropped on the open dialog is previewed; filter and sort work
// on the table.
func TestImportDropFilterSort(t *testing.T) {
	h := newImportHarness(t)
	ex := h.tenant.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg", "Nobody Known.jpg", "Adele Vance.jpg")
	h.m.onImport()
	dlg := h.m.importDlg
	h.drop(dir)
	h.waitFor("the dropped folder's preview", func() bool { return dlg.table != nil })
	if dlg.folder.Text != dir {
		t.Errorf("folder %q, want the dropped %q", dlg.folder.Text, dir)
	}
	tb := dlg.table
	tb.filter.SetSelected(string(importer.StatusNoMatch))
	if len(tb.rows) != 1 || dlg.plan.Items[tb.rows[0]].File.Name != "Nobody Known.jpg" {
		t.Errorf("filtered rows %v", tb.rows)
	}
	tb.filter.SetSelected(filterAll)
	tb.sortBy(colFile) // already by file: turns the order round
	if first := dlg.plan.Items[tb.rows[0]].File.Name; first != "Nobody Known.jpg" {
		t.Errorf("first row sorted by file, descending: %s", first)
	}
	tb.search.SetText("adele")
	if len(tb.rows) != 1 {
		t.Errorf("search 'adele': %d rows", len(tb.rows))
	}
	tb.search.SetText("")

	// A row chosen is drawn chosen in every column — Fyne's table drew
	// only the cell tapped — and stays with its file when sorted again.
	tb.table.Select(widget.TableCellID{Row: 0, Col: colStatus})
	chosen := tb.rows[0]
	tb.sortBy(colFile)
	for row, i := range tb.rows {
		for col := range importColumns {
			cell := tb.createCell()
			tb.updateCell(widget.TableCellID{Row: row, Col: col}, cell)
			lit := cell.(*fyne.Container).Objects[0].(*canvas.Rectangle).FillColor == theme.Color(theme.ColorNameSelection)
			if lit != (i == chosen) {
				t.Errorf("row %d (%s), column %d: highlighted %v, want %v", row, dlg.plan.Items[i].File.Name, col, lit, i == chosen)
			}
		}
	}
}

// Cancel lets what is in flight finish; Resume sends the rest, and
// nobody gets a photo twice.
func TestImportCancelAndResume(t *testing.T) {
	h := newImportHarness(t)
	names := h.filesForPeopleWithoutPhoto(10)
	dlg := h.preview(testkit.PhotoFolder(t, names...))
	// The run waits at its first finished file until Cancel is tapped, so
	// Cancel lands while the first batches (two of two files, the run's
	// two workers) are in flight, whatever the machine's speed.
	h.cancelAtFirstFile(dlg)
	if !dlg.run.resume.Visible() || !strings.HasPrefix(dlg.run.text.Text, "Stopped") {
		t.Fatalf("after cancel: %q, resume shown %v", dlg.run.text.Text, dlg.run.resume.Visible())
	}
	first := dlg.run.sum.Uploaded
	if first < 1 || first > 4 {
		t.Errorf("cancelled run uploaded %d; want the batches in flight only (1 to 4 of 10)", first)
	}
	dlg.progressHook = nil
	test.Tap(dlg.run.resume)
	h.waitFor("the resumed import", func() bool { return !dlg.run.running })
	want := fmt.Sprintf("Done: %d uploaded, 0 replaced, 0 skipped, 0 errors", 10-first)
	if !strings.HasPrefix(dlg.run.text.Text, want) || !strings.Contains(dlg.run.text.Text, fmt.Sprintf("%d files were sent by the earlier import", first)) &&
		!strings.Contains(dlg.run.text.Text, "1 file was sent by the earlier import") {
		t.Errorf("resumed: %q, want %q and the %d sent before said apart", dlg.run.text.Text, want, first)
	}
	if total, most := h.writeCount(); total != 10 || most != 1 {
		t.Errorf("%d writes, at most %d a person; want 10, one each", total, most)
	}
}

// The import's change path is made on the UI goroutine, before the run
// goes to the background: changer() sets m.changes without a lock, so
// making it in the background raced a Change photo… on the window. With
// the journal held elsewhere the background part stops at once, so only
// a changer made before it can be there afterwards.
func TestImportTakesTheChangerFromTheUIGoroutine(t *testing.T) {
	h := newImportHarness(t)
	ex := h.tenant.Dir.Examples()
	dlg := h.preview(testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg"))
	held, err := importer.OpenJournal(importer.JournalPath(dlg.report))
	if err != nil {
		t.Fatal(err)
	}
	h.m.changes = nil // as in a window that has changed no photo yet
	test.Tap(dlg.start)
	h.waitFor("the run to give up", func() bool { return dlg.run != nil && !dlg.run.running })
	held.Close()
	if !strings.Contains(dlg.run.text.Text, "could not run") {
		t.Fatalf("with the journal held: %q", dlg.run.text.Text)
	}
	if h.m.changes == nil {
		t.Fatal("no changer was made before the run went to the background")
	}
	c, oldTable := h.m.changes, dlg.table
	test.Tap(dlg.preview)
	h.waitFor("the preview again", func() bool { return dlg.run == nil && !dlg.start.Disabled() })
	if oldTable.ctx.Err() == nil || dlg.table == oldTable {
		t.Error("the replaced preview's thumbnails were not stopped")
	}
	test.Tap(dlg.start)
	h.waitFor("the import to finish", func() bool { return dlg.run != nil && !dlg.run.running })
	if !strings.HasPrefix(dlg.run.text.Text, "Done: 1 uploaded") || h.m.changes != c {
		t.Fatalf("summary %q; same changer %v", dlg.run.text.Text, h.m.changes == c)
	}
	entries, err := change.ReadLog(c.Dir)
	who, werr := c.Who(t.Context())
	if err != nil || werr != nil || len(entries) != 1 || entries[0].Status != change.StatusDone || entries[0].Tenant != who.Tenant || entries[0].Account != who.Account {
		t.Errorf("the window's change log holds %+v, %v; want the import's change, done", entries, err)
	}
}

// Closing the dialog stops the preview's thumbnails: nobody will see
// them, and decoding a big folder's photos is seconds of CPU.
func TestImportThumbnailsStopWhenTheDialogCloses(t *testing.T) {
	h := newImportHarness(t)
	var names []string
	for i := range 25 {
		names = append(names, fmt.Sprintf("Nobody %02d.jpg", i))
	}
	dir := testkit.PhotoFolder(t, names...)
	h.m.onImport()
	dlg := h.m.importDlg
	gate := newFirstGate()
	dlg.thumbDrawn = gate.hold
	dlg.folder.SetText(dir)
	test.Tap(dlg.preview)
	h.waitFor("the first thumbnail", gate.wasReached)
	test.Tap(dlg.close)
	gate.release()
	h.waitIdle()
	tbl := dlg.table
	tbl.mu.Lock()
	n := len(tbl.thumbs)
	tbl.mu.Unlock()
	if n != 1 {
		t.Errorf("%d of %d thumbnails drawn after the dialog closed at the first; want 1", n, len(names))
	}
	if h.m.importDlg != nil {
		t.Error("the closed dialog is still the window's")
	}
}

// firstGate holds the first call of a run's hook (progressHook,
// undoHook) until released, so a test acts — taps Cancel — while the run
// is known to be part-way, whatever the machine's speed.
type firstGate struct {
	reached, released chan struct{}
	once              sync.Once
}

func newFirstGate() *firstGate {
	return &firstGate{reached: make(chan struct{}), released: make(chan struct{})}
}

// hold is the hook's body: the first call waits for release.
func (g *firstGate) hold() {
	g.once.Do(func() {
		close(g.reached)
		<-g.released
	})
}

// wasReached reports whether the first call came, for waitFor.
func (g *firstGate) wasReached() bool { return closedChan(g.reached) }

// release lets the held call go on.
func (g *firstGate) release() { close(g.released) }

// firstFile is a progressHook's body that holds the run at its first
// finished file: the reports before it (the total, a batch setting off)
// go by, so a test acts while a file is known done and others may be out.
func firstFile(p importer.Progress, gate *firstGate) {
	if p.Done > 0 {
		gate.hold()
	}
}

// cancelAtFirstFile starts dlg's import two files to a batch, taps
// Cancel while the run is held at its first finished file, and waits for
// the run to stop.
func (h *importHarness) cancelAtFirstFile(dlg *importDialog) {
	h.t.Helper()
	dlg.batchSize = 2
	gate := h.startHeldAtFirstFile(dlg)
	test.Tap(dlg.run.cancel)
	gate.release()
	h.waitFor("the import to stop", func() bool { return !dlg.run.running })
}

// startHeldAtFirstFile starts dlg's import and waits until the run is
// held at its first finished file; the caller releases the gate.
func (h *importHarness) startHeldAtFirstFile(dlg *importDialog) *firstGate {
	h.t.Helper()
	gate := newFirstGate()
	dlg.progressHook = func(p importer.Progress) { firstFile(p, gate) }
	test.Tap(dlg.start)
	h.waitFor("the first file", gate.wasReached)
	return gate
}

// closedChan reports whether c is closed, without waiting: for waitFor,
// which keeps the window's queued work running meanwhile.
func closedChan(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// A folder whose journal holds changes of another account or tenant is
// previewed as usual, and the status says once that those changes are
// left alone (not resumed, not undone here); lines of theirs that changed
// nothing (uploads refused) are not worth a word.
func TestImportPreviewSaysForeignJournalLines(t *testing.T) {
	h := newImportHarness(t)
	ex := h.tenant.Dir.Examples()
	name := ex.NoPhoto.UserPrincipalName + ".jpg"
	dir := testkit.PhotoFolder(t, name)
	refused := importer.JournalLine{File: name, User: ex.NoPhoto.ID, State: importer.JournalFailed, Change: "c0", Account: "someone.else@fabrikam.com", Tenant: "fabrikam"}
	journalLines(t, dir, refused)
	dlg := h.preview(dir)
	if strings.Contains(dlg.status.Text, "another account") {
		t.Errorf("status %q after another account's refused upload; want no note", dlg.status.Text)
	}
	dlg.d.Hide()

	uploaded := refused
	uploaded.State, uploaded.Change = importer.JournalUploaded, "c1"
	journalLines(t, dir, uploaded)
	dlg = h.preview(dir)
	if !strings.Contains(dlg.status.Text, "another account or in another tenant changed 1 photo: it is not resumed") || dlg.resume.Visible() {
		t.Errorf("status %q, resume shown %v; want the foreign change noted and nothing to resume", dlg.status.Text, dlg.resume.Visible())
	}
}

// journalLines appends lines to the journal of an import of dir.
func journalLines(t *testing.T, dir string, lines ...importer.JournalLine) {
	t.Helper()
	report, err := importer.DefaultReportPath(dir)
	if err != nil {
		t.Fatal(err)
	}
	j, err := importer.OpenJournal(importer.JournalPath(report))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	for _, l := range lines {
		if err := j.Append(l); err != nil {
			t.Fatal(err)
		}
	}
}

// While an import runs, the folder, the choices and Preview hold still:
// Enter in the folder field previews nothing, so the run's progress and
// Cancel stay on screen and its plan is not replaced; they come back when
// it ends.
func TestImportRunHoldsTheDialog(t *testing.T) {
	h := newImportHarness(t)
	names := h.filesForPeopleWithoutPhoto(4)
	dir := testkit.PhotoFolder(t, names...)
	dlg := h.preview(dir)
	dlg.batchSize = 2
	firstDone, goOn := make(chan struct{}), make(chan struct{})
	var once sync.Once
	dlg.progressHook = func(p importer.Progress) {
		if p.Done > 0 { // the first finished file, not the total or a batch setting off
			once.Do(func() { close(firstDone); <-goOn })
		}
	}
	test.Tap(dlg.start)
	h.waitFor("the first file", func() bool { return closedChan(firstDone) })
	running, plan := dlg.run, dlg.plan
	dlg.folder.OnSubmitted(dir) // Enter in the folder field
	if dlg.run != running || dlg.plan != plan || strings.HasPrefix(dlg.status.Text, "Looking up") {
		t.Errorf("a preview started during the run (status %q)", dlg.status.Text)
	}
	for name, w := range map[string]fyne.Disableable{"folder": dlg.folder, "Choose…": dlg.browse, "match rules": dlg.rules, "replace": dlg.replace, "Preview": dlg.preview, "Close": dlg.close} {
		if !w.Disabled() {
			t.Errorf("%s is enabled during the run", name)
		}
	}
	close(goOn)
	h.waitFor("the import to end", func() bool { return !running.running })
	if dlg.folder.Disabled() || dlg.preview.Disabled() || dlg.close.Disabled() {
		t.Error("the dialog's choices stayed off after the run")
	}
}

// A preview started while another is worked out ends the older one (its
// lookups are cancelled and its answer dropped), and so does closing the
// dialog.
func TestNewerPreviewEndsTheOlder(t *testing.T) {
	h := newImportHarness(t)
	ex := h.tenant.Dir.Examples()
	a := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg")
	b := testkit.PhotoFolder(t, ex.FullHD.UserPrincipalName+".jpg", ex.NoPhoto.UserPrincipalName+".jpg")
	h.m.onImport()
	dlg := h.m.importDlg
	dlg.setFolder(a)
	first := dlg.previewCtx
	dlg.setFolder(b)
	if first.Err() == nil {
		t.Error("the first preview goes on after a second started")
	}
	h.waitFor("the preview", func() bool { return dlg.plan != nil })
	h.waitIdle()
	if dlg.plan.Dir != b || len(dlg.plan.Items) != 2 {
		t.Errorf("the preview shows %s (%d files), want the folder chosen last", dlg.plan.Dir, len(dlg.plan.Items))
	}
	dlg.setFolder(a)
	pending := dlg.previewCtx
	dlg.d.Hide()
	if pending.Err() == nil {
		t.Error("closing the dialog left its preview running")
	}
}

// filesForPeopleWithoutPhoto names a picture after each of the first n
// people of the tenant who have no photo.
func (h *importHarness) filesForPeopleWithoutPhoto(n int) []string {
	return filesWithoutPhoto(h.tenant.Dir, n)
}

// filesWithoutPhoto names a picture after each of the first n people of
// dir who have no photo.
func filesWithoutPhoto(dir *sandbox.Directory, n int) []string {
	var names []string
	for _, u := range dir.Users() {
		if u.Photo == sandbox.PhotoNone && len(names) < n {
			names = append(names, u.UserPrincipalName+".jpg")
		}
	}
	return names
}

// The photo on show follows an import that changed it, and its undo: Save
// must never write a photo the person no longer has. A person answered
// with Graph's 1x1 "no photo" image gets the imported photo, as the
// preview promised.
func TestImportReloadsThePhotoOnShow(t *testing.T) {
	h := newImportHarness(t)
	ex := h.tenant.Dir.Examples()
	h.openUser(ex.FullHD)
	before := h.m.current.ETag
	dir := testkit.PhotoFolder(t, ex.FullHD.UserPrincipalName+".jpg", ex.GIF1x1.UserPrincipalName+".jpg")
	dlg := h.preview(dir)
	dlg.replace.SetChecked(true)
	test.Tap(dlg.start)
	h.waitFor("the import to finish", func() bool { return dlg.run != nil && !dlg.run.running })
	if !strings.HasPrefix(dlg.run.text.Text, "Done: 1 uploaded, 1 replaced") {
		t.Errorf("summary %q, want the placeholder's person uploaded and Adele replaced", dlg.run.text.Text)
	}
	h.waitFor("the imported photo on show", func() bool {
		return h.m.current != nil && h.m.current.ETag != before && !h.m.viewer.loading.Visible()
	})
	imported := h.m.current.ETag
	test.Tap(dlg.run.undo)
	h.tapDialogButton("Yes")
	h.waitFor("the undo", func() bool { return strings.HasPrefix(dlg.run.text.Text, "Undone") })
	h.waitFor("the photo put back on show", func() bool {
		return h.m.current != nil && h.m.current.ETag != imported && !h.m.viewer.loading.Visible()
	})
}

// The picture picker (Change photo… > From a file…) starts in the folder
// the last picture came from, even after an import: the import's folder
// picker remembers its own folder. It used to open in the import folder's
// parent.
func TestPicturePickerKeepsItsFolderAfterAnImport(t *testing.T) {
	h := newImportHarness(t)
	pictures := t.TempDir()
	h.m.rememberPictureDir(pictures) // as picking a picture there does
	dir := testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(1)...)
	h.preview(dir)
	if got := h.m.lastPictureDir(); got == nil || got.Path() != pictures {
		t.Errorf("after an import of %s, the picture picker starts at %v, want %s", dir, got, pictures)
	}
	if got := h.m.lastOpenDir(); got == nil || got.Path() != filepath.Dir(dir) {
		t.Errorf("the import's picker starts at %v, want %s", got, filepath.Dir(dir))
	}
}

// An import can be undone after its dialog was closed: previewing the
// folder again offers Undo the earlier import, and Import counts out the
// files a resume skips (with replace on, none are left to send: the button
// says 0 and waits).
func TestImportUndoneAfterTheDialogClosed(t *testing.T) {
	h := newImportHarness(t)
	dir := testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(3)...)
	saveDir := t.TempDir()
	h.m.rememberSaveDir(saveDir)
	dlg := h.preview(dir)
	// The folder picked is remembered for the next picker of something to
	// open, not as where Save puts photos.
	if got := h.m.prefs.String(app.PrefLastSaveDir); got != saveDir {
		t.Errorf("previewing moved Save's folder to %q", got)
	}
	if got := h.m.lastOpenDir(); got == nil || got.Path() != filepath.Dir(dir) {
		t.Errorf("the next picker starts at %v, want %s", got, filepath.Dir(dir))
	}
	if dlg.undoEarlier.Visible() {
		t.Error("Undo the earlier import offered before any import")
	}
	test.Tap(dlg.start)
	h.waitFor("the import to finish", func() bool { return dlg.run != nil && !dlg.run.running })
	if !dlg.run.openReport.Visible() {
		t.Error("no Open report after the run")
	}
	dlg.d.Hide()

	again := h.preview(dir)
	if again == dlg || !again.undoEarlier.Visible() || !again.resume.Checked {
		t.Fatalf("preview of the imported folder: undo offered %v, resume ticked %v", again.undoEarlier.Visible(), again.resume.Checked)
	}
	again.replace.SetChecked(true) // they have the imported photos now
	if again.start.Text != "Import 0 photos" || !again.start.Disabled() || !strings.Contains(again.status.Text, "Resume skips 3 files the earlier import sent") {
		t.Errorf("button %q (disabled %v), status %q", again.start.Text, again.start.Disabled(), again.status.Text)
	}
	again.resume.SetChecked(false)
	if again.start.Text != "Import 3 photos" {
		t.Errorf("without resume the button says %q", again.start.Text)
	}
	test.Tap(again.undoEarlier)
	h.tapDialogButton("Yes")
	h.waitFor("the undo", func() bool { return again.run != nil && strings.HasPrefix(again.run.text.Text, "Undone") })
	if !strings.Contains(again.run.text.Text, "3 photos the import added removed") {
		t.Errorf("undo summary %q", again.run.text.Text)
	}
	h.mu.Lock()
	deletes := 0
	for k, n := range h.writes {
		if strings.HasPrefix(k, "DELETE ") {
			deletes += n
		}
	}
	h.mu.Unlock()
	if deletes != 3 {
		t.Errorf("%d photos removed, want the 3 the import added", deletes)
	}
}

// Escape closes Import photos… from its preview table and from a row's
// tick box too: Fyne's table and check swallowed it there.
func TestEscapeFromTheImportTable(t *testing.T) {
	h := newImportHarness(t)
	dir := testkit.PhotoFolder(t, "Adele Vance.jpg", "Nobody Known.jpg")
	c := h.m.w.Canvas()
	open := func() bool { return len(c.Overlays().List()) > 0 }
	for _, from := range []string{"the table", "a row's tick box"} {
		dlg := h.preview(dir)
		var target fyne.Focusable = dlg.table.table
		if from == "a row's tick box" {
			cell := dlg.table.createCell().(*fyne.Container)
			target = cell.Objects[1].(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*widgets.EscapeCheck)
		}
		c.Focus(target)
		target.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		h.waitIdle()
		if open() {
			t.Errorf("Escape on %s left Import photos… open", from)
			for open() {
				c.Overlays().Remove(c.Overlays().Top())
			}
		}
	}
}
