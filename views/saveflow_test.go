package views

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/views/widgets"
)

// TestSaveNoToReplaceGoesBackToTheName is issue 18's item 6: No to
// "Replace?" comes back to the form with the name typed, instead of
// cancelling the whole save; the file is left alone.
func TestSaveNoToReplaceGoesBackToTheName(t *testing.T) {
	dir := t.TempDir()
	h, r := openForSave(t, dir)
	old := []byte("keep me")
	if err := os.WriteFile(filepath.Join(dir, "ticket.jpg"), old, 0o600); err != nil {
		t.Fatal(err)
	}
	test.Tap(h.m.tools.save)
	first := h.dialogs.save
	first.name.SetText("ticket.jpg")
	h.tapDialogButton("Save")
	h.tapDialogButton("No")
	h.waitFor("the save form again", func() bool { return h.dialogs.save != first && h.overlayButton("Save") != nil })
	if f := h.dialogs.save; f.name.Text != "ticket.jpg" || f.folder.Text != dir {
		t.Errorf("back in the form with %q in %q, want what was typed", f.name.Text, f.folder.Text)
	}
	if got := readFile(t, filepath.Join(dir, "ticket.jpg")); !bytes.Equal(got, old) {
		t.Error("No replaced the file")
	}
	h.dialogs.save.name.SetText("ticket-2.jpg")
	h.tapDialogButton("Save")
	h.waitIdle()
	if got := readFile(t, filepath.Join(dir, "ticket-2.jpg")); !bytes.Equal(got, r.Bytes) {
		t.Error("the second name was not saved")
	}
}

// TestSaveNameWithoutExtension: "ticket-4711" is saved as
// "ticket-4711.jpg", the photo's own extension.
func TestSaveNameWithoutExtension(t *testing.T) {
	dir := t.TempDir()
	h, r := openForSave(t, dir)
	ext := filepath.Ext(r.SuggestedFileName())
	test.Tap(h.m.tools.save)
	h.dialogs.save.name.SetText("ticket-4711")
	h.tapDialogButton("Save")
	h.waitIdle()
	if got := readFile(t, filepath.Join(dir, "ticket-4711"+ext)); !bytes.Equal(got, r.Bytes) {
		t.Errorf("saved %d bytes as ticket-4711%s, want the photo", len(got), ext)
	}
	if _, err := os.Stat(filepath.Join(dir, "ticket-4711")); err == nil {
		t.Error("a file without extension was written too")
	}
	for typed, want := range map[string]string{
		"john.smith": "john.smith.png", "ann.png": "ann.png", "ann.PNG": "ann.PNG",
		"ann.jpg": "ann.png", "ann.webp": "ann.png", "ann.gif": "ann.png",
	} {
		if got := withPhotoExtension(typed, "x_48x48.png"); got != want {
			t.Errorf("%s became %q for a PNG, want %q", typed, got, want)
		}
	}
	for typed, want := range map[string]string{
		"ann.jpeg": "ann.jpeg", "ann.JPG": "ann.JPG", "ann.png": "ann.jpg",
		"ann.jfif": "ann.jfif", "ann.tiff": "ann.jpg", "ann.heic": "ann.jpg",
	} {
		if got := withPhotoExtension(typed, "x_648x648.jpg"); got != want {
			t.Errorf("%s became %q for a JPEG, want %q", typed, got, want)
		}
	}
}

// TestSaveCreatesAMissingFolderAfterAsking: a folder that does not exist
// yet is offered, created on Yes; Save remembers its own folder, not the
// export's.
func TestSaveCreatesAMissingFolderAfterAsking(t *testing.T) {
	h, r := openForSave(t, t.TempDir())
	h.a.Preferences().SetString(app.PrefLastExportDir, t.TempDir())
	target := filepath.Join(t.TempDir(), "tickets", "4711")
	test.Tap(h.m.tools.save)
	h.dialogs.save.folder.SetText(target)
	if save := h.overlayButton("Save"); save == nil || save.Disabled() {
		t.Fatal("Save is off for a folder still to be created")
	}
	h.tapDialogButton("Save")
	h.waitFor("the question", func() bool { return strings.Contains(h.overlayText(), "does not exist yet") })
	h.tapDialogButton("Yes")
	h.waitIdle()
	if got := readFile(t, filepath.Join(target, r.SuggestedFileName())); !bytes.Equal(got, r.Bytes) {
		t.Fatal("the photo is not in the new folder")
	}
	if got := h.a.Preferences().String(app.PrefLastSaveDir); got != target {
		t.Errorf("Save remembers %q, want its own folder %q", got, target)
	}
	if h.m.saveDir() != target {
		t.Errorf("the next save starts in %q", h.m.saveDir())
	}
}

// escape presses Escape where the focus is, as the keyboard would: in the
// focused entry, or on the window when nothing has focus.
func (h *harness) escape() {
	ev := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := h.m.w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	h.m.onNavigationKey(ev)
}

// TestEscapeCancelsDialogs is issue 18's item 7: Escape closes the save
// form (with the focus in the name), Replace? (as No), the Export form
// before Start and Settings, each as Cancel.
func TestEscapeCancelsDialogs(t *testing.T) {
	dir := t.TempDir()
	h, r := openForSave(t, dir)
	noDialog := func() bool { return len(h.m.w.Canvas().Overlays().List()) == 0 }

	test.Tap(h.m.tools.save)
	if h.m.w.Canvas().Focused() != h.dialogs.save.name {
		t.Fatal("the file name does not have the focus")
	}
	h.escape()
	if !noDialog() {
		t.Error("Escape in the file name left the save form open")
	}

	path := filepath.Join(dir, r.SuggestedFileName())
	old := []byte("old")
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	test.Tap(h.m.tools.save)
	h.tapDialogButton("Save")
	h.waitFor("Replace?", func() bool { return h.overlayButton("No") != nil })
	h.m.w.Canvas().Unfocus()
	h.escape()
	h.waitFor("the form again", func() bool { return h.overlayButton("Save") != nil })
	if got := readFile(t, path); !bytes.Equal(got, old) {
		t.Error("Escape at Replace? replaced the file")
	}
	h.escape()
	if !noDialog() {
		t.Fatal("dialogs still open")
	}

	test.Tap(h.m.tools.export)
	h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
	h.m.w.Canvas().Focus(h.dialogs.exportSet.folder)
	h.escape()
	h.waitIdle()
	if !noDialog() || h.dialogs.export != nil {
		t.Error("Escape in the export form did not cancel it")
	}

	before := h.a.Preferences().String(app.PrefAPIVersion)
	h.m.onSettings()
	h.escape()
	if !noDialog() {
		t.Error("Escape left Settings open")
	}
	if h.a.Preferences().String(app.PrefAPIVersion) != before {
		t.Error("Escape saved the settings")
	}
}

// Save all sizes stopped part-way (a full disk) names the files already
// written, so nobody takes the folder for empty or complete.
func TestSaveAllSizesStoppedPartWayNamesWhatIsThere(t *testing.T) {
	f := newFakeEngine(3)
	h := newShownFakeHarness(t, f)
	f.mu.Lock()
	f.saveAll = func(_ context.Context, _ app.Person, dir string, _ bool) ([]string, error) {
		return []string{filepath.Join(dir, "p_48x48.png"), filepath.Join(dir, "p_64x64.png")}, errors.New("no space left on device")
	}
	f.mu.Unlock()
	h.m.saveAllInto(t.TempDir())
	h.waitIdle()
	if got := h.overlayText(); !strings.Contains(strings.ToLower(got), "no space left") || !strings.Contains(got, "2 photos were saved") || !strings.Contains(got, "p_48x48.png, p_64x64.png") {
		t.Errorf("shown: %q; want the error and the two files written", got)
	}
}

// Save all sizes can be stopped from the status bar while it fetches (up to
// nine photos, minutes on a throttled network): the fetch ends, nothing is
// written, no error is shown, and the link goes away.
func TestSaveAllSizesCanBeStopped(t *testing.T) {
	f := newFakeEngine(3)
	h := newShownFakeHarness(t, f)
	ended := make(chan error, 1)
	f.mu.Lock()
	f.saveAll = func(ctx context.Context, _ app.Person, _ string, _ bool) ([]string, error) {
		<-ctx.Done() // a fetch that would take minutes
		ended <- ctx.Err()
		return nil, fmt.Errorf("save all sizes: %w", ctx.Err())
	}
	f.mu.Unlock()
	h.m.saveAllInto(t.TempDir())
	stop := h.m.status.stop
	h.waitFor("the Stop link", func() bool { return stop.Visible() && stop.Text == "Stop saving" })
	if !strings.Contains(h.m.status.activity.Text, "Saving every size") {
		t.Errorf("activity %q while saving", h.m.status.activity.Text)
	}
	// A link takes a tap only over its text.
	test.TapAt(stop, fyne.NewPos(stop.Size().Width/2, stop.Size().Height/2))
	if err := <-ended; !errors.Is(err, context.Canceled) {
		t.Fatalf("the fetch ended with %v, want it cancelled", err)
	}
	h.waitIdle()
	if got := h.overlayText(); got != "" {
		t.Errorf("shown after Stop: %q; want no dialog", got)
	}
	if got := h.m.status.activity.Text; !strings.Contains(got, "Stopped") || !strings.Contains(got, "nothing was saved") {
		t.Errorf("activity %q after Stop; want it to say it stopped and saved nothing", got)
	}
	if stop.Visible() {
		t.Error("the Stop link is still shown")
	}
}

// Escape closes every dialog as its Cancel or Close would, not only the
// forms: an information, the keys, About, Change photo's chooser and its
// file picker, Remove photo (as Cancel: nothing is removed) and Save all
// sizes' folder picker.
func TestEscapeClosesEveryDialog(t *testing.T) {
	h, _ := openForSave(t, t.TempDir())
	noDialog := func() bool { return len(h.m.w.Canvas().Overlays().List()) == 0 }
	for _, c := range []struct {
		name string
		open func()
	}{
		{"an information", func() { showInformation("Copy image", "Copied.", h.m.w) }},
		{"an error", func() { showError(errors.New("the disk is full"), h.m.w) }},
		{"Keyboard shortcuts", func() { showKeys(h.m.w) }},
		{"About", func() { showAbout(h.m.w, nil) }},
		{"Change photo", h.m.onChangePhoto},
		{"Change photo's file picker", func() { h.m.chooseImageFile(*h.m.person) }},
		{"Remove photo", h.m.onRemovePhoto},
		{"Save all sizes' folder", h.m.onSaveAllSizes},
	} {
		c.open()
		if noDialog() {
			t.Fatalf("%s: no dialog opened", c.name)
		}
		h.m.w.Canvas().Unfocus()
		h.escape()
		h.waitIdle()
		if !noDialog() {
			t.Errorf("Escape left %s open", c.name)
			for !noDialog() {
				h.m.w.Canvas().Overlays().Remove(h.m.w.Canvas().Overlays().Top())
			}
		}
	}
	if strings.Contains(h.m.status.activity.Text, "Remov") {
		t.Errorf("status %q: Escape at Remove photo removed it", h.m.status.activity.Text)
	}
}

// A dialog's button reached with Tab takes Enter as well as Space, and
// passes Escape on (Fyne's buttons take only Space and swallowed Escape):
// an information opens with OK focused, so Enter closes it, even with a
// field focused behind it, which has the focus back after; a question
// with the button its enterAnswer names focused — Replace? on No, so a
// stray Enter keeps the file; Tab, Enter there presses the focused
// button; Escape from a focused button answers No.
func TestDialogButtonsTakeEnterAndEscape(t *testing.T) {
	h, _ := openForSave(t, t.TempDir())
	c := h.m.w.Canvas()
	noDialog := func() bool { return len(c.Overlays().List()) == 0 }
	key := func(name fyne.KeyName) { c.Focused().TypedKey(&fyne.KeyEvent{Name: name}) }

	c.Unfocus() // as after a click on the photo or a toolbar button
	showInformation("Copy image", "Copied.", h.m.w)
	if c.Focused() == nil {
		t.Fatal("an information opens with nothing focused")
	}
	key(fyne.KeyReturn)
	if !noDialog() {
		t.Fatal("Enter on OK left the information open")
	}

	var answers []bool
	ask := func() {
		showConfirm("Replace?", "ann.jpg exists. Replace it?", enterNo, func(yes bool) { answers = append(answers, yes) }, h.m.w)
	}
	ask()
	if b, ok := c.Focused().(*widgets.KeyButton); !ok || b.Text != "No" {
		t.Errorf("Replace? opens with %T focused, want No", c.Focused())
	}
	key(fyne.KeyReturn) // No
	ask()
	c.FocusNext() // Yes
	key(fyne.KeyReturn)
	ask()
	key(fyne.KeyEscape)
	if len(answers) != 3 || answers[0] || !answers[1] || answers[2] || !noDialog() {
		t.Errorf("answers %v, dialogs left %d; want [false true false] and none", answers, len(c.Overlays().List()))
	}

	// Closed by code, a question answers No, once.
	d := newConfirm("Replace?", "ann.jpg exists. Replace it?", func(yes bool) { answers = append(answers, yes) }, h.m.w)
	d.Show()
	d.Hide()
	if len(answers) != 4 || answers[3] {
		t.Errorf("answers %v after Hide, want a fourth, false", answers)
	}

	// A message that comes while the search field has the focus takes
	// the keyboard all the same (under it the field hears no key), and
	// gives the field its focus back once closed.
	c.Focus(h.m.sidebar.query)
	showInformation("The photo was not changed", "Microsoft Graph refused.", h.m.w)
	if b, ok := c.Focused().(*widgets.KeyButton); !ok || b.Text != "OK" {
		t.Errorf("a message that came while the search field had the focus focused %T, want OK", c.Focused())
	}
	driverKey(c, fyne.KeyReturn)
	if !noDialog() {
		t.Fatal("Enter on OK left the message open")
	}
	if c.Focused() != h.m.sidebar.query {
		t.Errorf("after the message the focus is on %T, want the search field back", c.Focused())
	}
}

// Escape closes a dialog from a text field of its own too — a plain
// field swallowed it, and Import photos… opens with its folder focused —
// but not Import photos… while a run holds it (its Cancel must stay in
// sight; a hidden dialog also took the next folder dropped on the window).
func TestEscapeFromAFocusedFieldAndNotWhileImporting(t *testing.T) {
	h, _ := openForSave(t, t.TempDir())
	noDialog := func() bool { return len(h.m.w.Canvas().Overlays().List()) == 0 }

	h.m.onImport()
	dlg := h.m.importDlg
	dlg.hold(true) // as a run does
	h.m.w.Canvas().Unfocus()
	h.escape()
	if noDialog() {
		t.Fatal("Escape hid Import photos… while a run held it")
	}
	dlg.hold(false)
	h.m.w.Canvas().Focus(dlg.folder)
	h.escape()
	if !noDialog() {
		t.Error("Escape in Import photos…' folder field left it open")
	}
}

// Save all sizes' folder picker says what it does, not Fyne's "Open".
func TestSaveAllSizesPickerSaysSave(t *testing.T) {
	h, r := openForSave(t, t.TempDir())
	h.m.onSaveAllSizes()
	if h.overlayButton("Save here") == nil || h.overlayButton("Open") != nil {
		t.Error("the folder picker's button does not say Save here")
	}
	if got := h.overlayText(); !strings.Contains(got, "Save every size of "+r.Person.DisplayName) {
		t.Errorf("the picker reads %q", got)
	}
}

// The Save and Export forms' buttons take Enter and pass Escape on, as
// the other dialogs' do (they were Fyne's, which take only Space and
// swallow Escape), and Enter in the export's folder starts it, as Enter
// in the save form's fields saves.
func TestFormButtonsTakeEnterAndEscape(t *testing.T) {
	dir := t.TempDir()
	h, r := openForSave(t, dir)
	c := h.m.w.Canvas()
	noDialog := func() bool { return len(c.Overlays().List()) == 0 }
	key := func(name fyne.KeyName) { c.Focused().TypedKey(&fyne.KeyEvent{Name: name}) }

	test.Tap(h.m.tools.save)
	h.dialogs.save.name.SetText("by-enter")
	c.FocusNext() // Cancel
	key(fyne.KeyEscape)
	if !noDialog() {
		t.Fatal("Escape on the save form's Cancel left it open")
	}
	test.Tap(h.m.tools.save)
	h.dialogs.save.name.SetText("by-enter")
	c.FocusNext() // Cancel
	c.FocusNext() // Save
	if b, ok := c.Focused().(*widgets.KeyButton); !ok || b.Text != "Save" {
		t.Fatalf("Tab from the file name reached %T, want the Save button", c.Focused())
	}
	key(fyne.KeyReturn)
	h.waitIdle()
	ext := filepath.Ext(r.SuggestedFileName())
	if got := readFile(t, filepath.Join(dir, "by-enter"+ext)); !bytes.Equal(got, r.Bytes) {
		t.Errorf("Enter on Save saved %d bytes, want the photo", len(got))
	}

	out := filepath.Join(t.TempDir(), "out")
	test.Tap(h.m.tools.export)
	h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
	h.dialogs.exportSet.folder.SetText(out)
	c.Focus(h.dialogs.exportSet.folder)
	key(fyne.KeyReturn)
	h.waitFor("the export summary", h.exportFinished)
	if len(dirNames(t, out)) == 0 {
		t.Error("Enter in the export's folder exported nothing")
	}
}

// overlayWidget is the first visible widget of type T in the window's
// dialogs.
func overlayWidget[T fyne.CanvasObject](h *harness) (T, bool) {
	for _, o := range h.m.w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if w, ok := obj.(T); ok && obj.Visible() {
				return w, true
			}
		}
	}
	var none T
	return none, false
}

// Escape cancels a dialog from a drop-down, a check box or a button
// inside its form as well as from its fields: Fyne's Select, Check and
// Button swallow it, so Settings, Export and Import stayed open once Tab
// had reached one.
func TestEscapeFromDropDownsCheckBoxesAndButtons(t *testing.T) {
	h, _ := openForSave(t, t.TempDir())
	c := h.m.w.Canvas()
	noDialog := func() bool { return len(c.Overlays().List()) == 0 }
	for _, d := range []struct {
		name string
		open func()
	}{
		{"Settings", h.m.onSettings},
		{"Export", h.m.onExport},
		{"Import", h.m.onImport},
	} {
		for _, kind := range []string{"drop-down", "check box", "form button"} {
			d.open()
			var target fyne.Focusable
			switch kind {
			case "drop-down":
				if s, ok := overlayWidget[*widgets.EscapeSelect](h); ok {
					target = s
				}
			case "check box":
				if ch, ok := overlayWidget[*widgets.EscapeCheck](h); ok {
					target = ch
				}
			case "form button":
				if b, ok := overlayWidget[*widgets.KeyButton](h); ok {
					target = b
				}
			}
			if target == nil {
				c.Unfocus()
				h.escape() // as Escape with nothing focused, which closed them before
				h.waitIdle()
				if d.name == "Import" && kind == "drop-down" || d.name == "Export" && kind == "check box" {
					continue // it has none before a preview, or at all
				}
				t.Fatalf("%s has no %s to focus", d.name, kind)
			}
			c.Focus(target)
			h.escape()
			h.waitIdle()
			if !noDialog() {
				t.Errorf("Escape on %s's %s (%T) left it open", d.name, kind, target)
				for !noDialog() {
					c.Overlays().Remove(c.Overlays().Top())
				}
			}
		}
	}
}

// Every folder picker opens as large as the window allows (at most
// 900x620), as the file pickers do — Save all sizes', the save form's and
// the export form's opened at Fyne's cramped default.
func TestFolderPickersOpenLarge(t *testing.T) {
	h, _ := openForSave(t, t.TempDir())
	c := h.m.w.Canvas()
	want := pickerSize(h.m.w)
	for _, p := range []struct {
		name string
		open func()
	}{
		{"Save all sizes", h.m.onSaveAllSizes},
		{"the save form's", func() { test.Tap(h.m.tools.save); test.Tap(h.dialogs.save.browse) }},
		{"the export form's", func() { test.Tap(h.m.tools.export); test.Tap(h.dialogs.exportSet.browse) }},
	} {
		p.open()
		top := c.Overlays().Top()
		var biggest fyne.Size
		for _, obj := range test.LaidOutObjects(top) {
			if s := obj.Size(); s.Width <= want.Width+1 && s.Width*s.Height > biggest.Width*biggest.Height && s.Width < c.Size().Width {
				biggest = s
			}
		}
		if biggest.Width < want.Width-40 || biggest.Height < want.Height-40 {
			t.Errorf("%s folder picker is %v, want about %v", p.name, biggest, want)
		}
		for len(c.Overlays().List()) > 0 {
			c.Overlays().Remove(c.Overlays().Top())
		}
	}
}

// Escape cancels Export from its "Whose photos" choices: Tab from an
// unfocused form reaches them first, and Fyne's radio items swallowed
// Escape, so the form stayed open.
func TestEscapeFromExportsSourceChoices(t *testing.T) {
	h, _ := openForSave(t, t.TempDir())
	c := h.m.w.Canvas()
	h.m.onExport()
	h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
	c.Unfocus()
	c.FocusNext() // Tab: the first choice
	c.FocusNext() // Tab: the second
	if c.Focused() == nil {
		t.Fatal("Tab reached nothing in the export form")
	}
	before := h.dialogs.exportSet.source.Selected
	c.Focused().TypedRune(' ')
	if got := h.dialogs.exportSet.source.Selected; got == before || got != exportAllUsers {
		t.Errorf("Space on the second choice picked %q, want %q", got, exportAllUsers)
	}
	h.escape()
	h.waitIdle()
	if n := len(c.Overlays().List()); n != 0 {
		t.Errorf("Escape on a choice of Whose photos (%T) left %d dialogs open", c.Focused(), n)
	}
}

// Escape cancels Import from its Match by boxes, which Fyne's check group
// made swallow it.
func TestEscapeFromImportsMatchByBoxes(t *testing.T) {
	h, _ := openForSave(t, t.TempDir())
	c := h.m.w.Canvas()
	h.m.onImport()
	dlg := h.m.importDlg
	var box fyne.Focusable
	for _, o := range test.LaidOutObjects(dlg.rules) {
		if f, ok := o.(fyne.Focusable); ok && o != fyne.CanvasObject(dlg.rules) {
			box = f
			break
		}
	}
	if box == nil {
		t.Fatal("Match by has no box to focus")
	}
	c.Focus(box)
	c.Focused().TypedRune(' ') // untick the first rule, as Space does
	if len(dlg.rules.Selected) != len(ruleLabels)-1 {
		t.Errorf("Space on the first Match by box left %d rules ticked, want %d", len(dlg.rules.Selected), len(ruleLabels)-1)
	}
	h.escape()
	h.waitIdle()
	if n := len(c.Overlays().List()); n != 0 {
		t.Errorf("Escape on a Match by box (%T) left %d dialogs open", c.Focused(), n)
	}
}

// Under a dialog the window's shortcuts, keys and menu wait: Ctrl+S over
// Export stacked a Save on it, Down opened another person behind it, and
// the menu bar (Alt) offered Settings… over it.
func TestShortcutsKeysAndMenuWaitUnderADialog(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	c := h.m.w.Canvas()
	selected := h.m.sidebar.selected
	h.m.onExport()
	h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
	c.Unfocus()
	for _, sc := range []fyne.Shortcut{shortcutSave, shortcutFind} {
		c.(fyne.Shortcutable).TypedShortcut(sc)
	}
	h.m.onNavigationKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	for _, menu := range h.m.mainMenu().Items {
		for _, it := range menu.Items {
			if it.Label == "Settings…" {
				it.Action()
			}
		}
	}
	h.waitIdle()
	if n := len(c.Overlays().List()); n != 1 {
		t.Errorf("%d dialogs open after Ctrl+S, Ctrl+F, Down and File > Settings… over Export, want Export alone", n)
	}
	if h.m.sidebar.selected != selected {
		t.Errorf("Down over Export selected result %d, want %d still", h.m.sidebar.selected, selected)
	}
	h.escape()
	h.waitIdle()
	if n := len(c.Overlays().List()); n != 0 {
		t.Fatalf("Escape left %d dialogs open", n)
	}
	h.m.onNavigationKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if h.m.sidebar.selected != selected+1 {
		t.Errorf("Down once Export closed selected result %d, want %d", h.m.sidebar.selected, selected+1)
	}
	c.(fyne.Shortcutable).TypedShortcut(shortcutFind)
	if c.Focused() != h.m.sidebar.query {
		t.Errorf("Ctrl+F once Export closed put the focus on %T, want the search field", c.Focused())
	}
	h.waitIdle()
}

// TestFailedSaveGoesBackToTheForm: a folder that cannot take the file (a
// read-only share, a full disk) is said, and closing that message comes
// back to the form with the folder and name typed, so another folder can
// be tried without typing it all again; it used to end the save, and what
// was typed was lost. The folder is not remembered.
func TestFailedSaveGoesBackToTheForm(t *testing.T) {
	remembered := t.TempDir()
	h, r := openForSave(t, remembered)
	readOnly := t.TempDir()
	saveAtomic = func(p string, _ []byte, _ bool) error {
		return &app.SaveError{Path: p, Err: syscall.EROFS}
	}
	t.Cleanup(func() { saveAtomic = app.SaveAtomic })
	test.Tap(h.m.tools.save)
	first := h.dialogs.save
	first.folder.SetText(readOnly)
	first.name.SetText("ticket-4711.jpg")
	h.tapDialogButton("Save")
	h.waitFor("the error", func() bool { return strings.Contains(h.overlayText(), "read-only file system") })
	h.tapDialogButton("OK")
	h.waitFor("the save form again", func() bool { return h.dialogs.save != first && h.overlayButton("Save") != nil })
	if f := h.dialogs.save; f.folder.Text != readOnly || f.name.Text != "ticket-4711.jpg" {
		t.Errorf("back in the form with %q in %q, want what was typed", f.name.Text, f.folder.Text)
	}
	if got := h.a.Preferences().String(app.PrefLastSaveDir); got != remembered {
		t.Errorf("the folder that failed was remembered: %q", got)
	}
	saveAtomic = app.SaveAtomic
	other := t.TempDir()
	h.dialogs.save.folder.SetText(other)
	h.tapDialogButton("Save")
	h.waitIdle()
	if got := readFile(t, filepath.Join(other, "ticket-4711.jpg")); !bytes.Equal(got, r.Bytes) {
		t.Error("the second try did not save the photo")
	}
}

// Save all sizes asks about the files in the way: one by its name ("Replace
// it?"), several by how many photos they are. It asked "Photos of … already
// exist … Replace them?" whatever was there, also of the one photo a contact
// has.
func TestSaveAllSizesAsksAboutTheFilesInTheWay(t *testing.T) {
	f := newFakeEngine(3)
	h := newShownFakeHarness(t, f)
	name := f.people[0].DisplayName
	dir := t.TempDir()
	for _, c := range []struct {
		inTheWay []string
		want     string
	}{
		{[]string{"p_240x240.jpg"}, "p_240x240.jpg already exists in " + dir + ". Replace it?"},
		{[]string{"p_48x48.jpg", "p_64x64.jpg", "p_96x96.jpg"}, "3 photos of " + name + " already exist in " + dir + ". Replace them?"},
	} {
		f.mu.Lock()
		f.saveAll = func(_ context.Context, _ app.Person, dir string, _ bool) ([]string, error) {
			var paths []string
			for _, n := range c.inTheWay {
				paths = append(paths, filepath.Join(dir, n))
			}
			return nil, &app.FilesInTheWayError{Paths: paths}
		}
		f.mu.Unlock()
		h.m.saveAllInto(dir)
		h.waitFor("the Replace question", func() bool { return h.overlayButton("No") != nil })
		if got := h.overlayText(); !strings.Contains(got, c.want) {
			t.Errorf("%d files in the way: asked %q, want %q", len(c.inTheWay), got, c.want)
		}
		h.tapDialogButton("No")
		h.waitIdle()
	}
}
