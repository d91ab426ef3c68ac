package views

import (
	"bytes"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/internal/dragout"
	"github.com/photodesk/photodesk/views/widgets"
)

// fakeDragSource records the drags the window starts instead of speaking
// a platform protocol; its drags end when the test says. It is the fake
// system clipboard of Copy file too: copies records what was put on it,
// and copyErr fails the copy.
type fakeDragSource struct {
	mu      sync.Mutex
	drags   []*fakeDrag
	err     error
	copies  []dragout.Item
	copyErr error
}

type fakeDrag struct {
	item                      dragout.Item
	done                      func(dragout.Result)
	moved, released, canceled int
}

func (f *fakeDrag) Moved() { f.moved++ }

// Released drops, telling the item as the platforms' sources do.
func (f *fakeDrag) Released() {
	f.released++
	if f.item.Dropped != nil {
		f.item.Dropped()
	}
}
func (f *fakeDrag) Cancel() { f.canceled++ }

func (s *fakeDragSource) Start(item dragout.Item, done func(dragout.Result)) (dragout.Drag, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return nil, s.err
	}
	d := &fakeDrag{item: item, done: done}
	s.drags = append(s.drags, d)
	return d, nil
}

func (s *fakeDragSource) Copy(item dragout.Item) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.copyErr != nil {
		return s.copyErr
	}
	s.copies = append(s.copies, item)
	return nil
}

func (s *fakeDragSource) Close() error { return nil }

func (s *fakeDragSource) last(t *testing.T) *fakeDrag {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.drags) == 0 {
		t.Fatal("no drag started")
	}
	return s.drags[len(s.drags)-1]
}

// newDragHarness is the window on a fake engine with a fake drag source
// and drag files in a temporary folder.
func newDragHarness(t *testing.T) (*harness, *fakeEngine, *fakeDragSource) {
	t.Helper()
	f := newFakeEngine(5)
	h := newFakeHarness(t, f)
	files, err := app.NewDragFiles(filepath.Join(t.TempDir(), "drag"))
	if err != nil {
		t.Fatal(err)
	}
	src := &fakeDragSource{}
	h.m.drags = files
	h.m.newDragSource = func() (dragout.Source, error) { return src, src.err }
	h.waitShown(f.people[0].DisplayName)
	h.waitIdle()
	return h, f, src
}

func drag(dx float32) *fyne.DragEvent { return &fyne.DragEvent{Dragged: fyne.Delta{DX: dx}} }

// A few pixels are a click; past them the photo is dragged out, offering
// the very file Save writes and a PNG; the release drops it.
func TestDraggingThePhotoOffersWhatSaveWrites(t *testing.T) {
	h, f, src := newDragHarness(t)
	handle := h.m.viewer.drag
	handle.Dragged(drag(2))
	handle.Dragged(drag(2))
	if len(src.drags) != 0 {
		t.Fatal("a drag started within the click threshold")
	}
	handle.Dragged(drag(5))
	d := src.last(t)
	handle.Dragged(drag(30))
	handle.DragEnd()
	if d.moved != 2 || d.released != 1 {
		t.Errorf("moved %d, released %d; want 2 and 1", d.moved, d.released)
	}
	r := h.m.current
	path, err := d.item.File()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != r.SuggestedFileName() {
		t.Errorf("file name = %q, want Save's %q", filepath.Base(path), r.SuggestedFileName())
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, r.Bytes) {
		t.Error("the dragged file's bytes are not the photo's")
	}
	if again, _ := d.item.File(); again != path {
		t.Errorf("a second ask wrote another file: %q", again)
	}
	pngBytes, err := d.item.PNG()
	if err != nil {
		t.Fatal(err)
	}
	if img, err := png.Decode(bytes.NewReader(pngBytes)); err != nil || img.Bounds().Dx() != r.Width {
		t.Errorf("PNG offered: %v", err)
	}
	if !strings.Contains(h.m.status.activity.Text, "Dragging the photo of "+f.people[0].DisplayName) {
		t.Errorf("status while dragging = %q", h.m.status.activity.Text)
	}
	d.done(dragout.Dropped)
	h.waitFor("the drop in the status bar", func() bool {
		return h.m.status.activity.Text == "Dropped the photo of "+f.people[0].DisplayName+"."
	})
}

// A drop the target took without copying it (pcmanfm's Places pane below
// its places answers "link" and makes nothing) is not called dropped: the
// status bar says no file may have been saved and where to drop instead.
func TestDropTakenWithoutACopySaysSo(t *testing.T) {
	h, f, src := newDragHarness(t)
	h.m.viewer.drag.Dragged(drag(10))
	h.m.viewer.drag.DragEnd()
	src.last(t).done(dragout.NotCopied)
	want := "The photo of " + f.people[0].DisplayName + " may not have been saved: the program you dropped on took it," +
		" but not as a copy (a link or bookmark, perhaps). Drop it into a folder's window, or use Save…."
	h.waitFor("the status to say no copy was made", func() bool { return h.m.status.activity.Text == want })
}

// Escape cancels a drag in progress, and only then is Escape used.
func TestEscapeCancelsADrag(t *testing.T) {
	h, _, src := newDragHarness(t)
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if h.m.onNavigationKey(esc) {
		t.Error("Escape was used with no drag going on")
	}
	h.m.viewer.drag.Dragged(drag(10))
	d := src.last(t)
	if !h.m.onNavigationKey(esc) || d.canceled != 1 {
		t.Fatalf("Escape during a drag: cancelled %d times", d.canceled)
	}
	h.m.viewer.drag.DragEnd()
	if d.released != 0 {
		t.Error("a cancelled drag was dropped on release")
	}
	d.done(dragout.Cancelled)
	h.waitFor("the cancel in the status bar", func() bool { return h.m.status.activity.Text == "Drag cancelled." })
}

// Escape ends the whole gesture: moving on with the button still held
// starts no new drag (which would drop what Esc cancelled); the next press
// drags again.
func TestEscapeEndsTheGestureUntilTheNextPress(t *testing.T) {
	h, _, src := newDragHarness(t)
	handle := h.m.viewer.drag
	handle.Dragged(drag(10))
	d := src.last(t)
	if !h.m.onNavigationKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) {
		t.Fatal("Escape did not cancel the drag")
	}
	handle.Dragged(drag(10))
	handle.Dragged(drag(10))
	handle.DragEnd()
	if n := len(src.drags); n != 1 {
		t.Fatalf("%d drags started in one press after Escape, want 1", n)
	}
	if d.moved != 1 || d.released != 0 {
		t.Errorf("the cancelled drag moved %d times and was released %d times; want 1 and 0", d.moved, d.released)
	}
	handle.Dragged(drag(10))
	if n := len(src.drags); n != 2 {
		t.Errorf("the next press started %d drags in all, want 2", n)
	}
	handle.DragEnd()
}

// Dragging a result's avatar drags that person's photo at the size picked,
// fetched when the target asks for it.
func TestDraggingAnAvatarDragsThatPersonsPhoto(t *testing.T) {
	h, f, src := newDragHarness(t)
	other := f.people[2]
	row := h.rowOf(other)
	row.AvatarDrag.Dragged(drag(10))
	row.AvatarDrag.DragEnd()
	d := src.last(t)
	path, err := d.item.File()
	if err != nil {
		t.Fatal(err)
	}
	r, _ := f.Photo(h.m.ctx, other, h.m.viewer.size())
	if filepath.Base(path) != r.SuggestedFileName() {
		t.Errorf("avatar drag file = %q, want %q", filepath.Base(path), r.SuggestedFileName())
	}
	if h.m.person.ID == other.ID {
		t.Error("dragging an avatar opened the person: it should only drag")
	}
}

// Dragging the avatar of someone with no photo gives the target nothing,
// and the status bar says why rather than blaming the program dropped on.
func TestDraggingAnAvatarWithoutAPhotoSaysWhy(t *testing.T) {
	h, f, src := newDragHarness(t)
	other := f.people[2]
	f.setPhoto(other, 0, 0, nil)
	row := h.rowOf(other)
	row.AvatarDrag.Dragged(drag(10))
	row.AvatarDrag.DragEnd()
	d := src.last(t)
	if _, err := d.item.File(); err == nil {
		t.Fatal("the drag of a person without a photo gave a file")
	}
	d.done(dragout.Refused)
	h.waitIdle()
	if got := h.m.status.activity.Text; !strings.Contains(got, other.DisplayName+" has no photo") || strings.Contains(got, "did not take") {
		t.Errorf("status = %q, want why nothing was dragged", got)
	}
}

// A drop does not wait long for an avatar's photo still being fetched: on
// Windows the target asks inside the drag's loop on the UI thread, so the
// window and the program dropped on would hang for as long as it waited.
// The drop gets nothing, the status bar says why, and the fetch goes on, so
// the target asking again, or the next drag, gets the file.
func TestDropDoesNotWaitLongForAnAvatar(t *testing.T) {
	h, f, src := newDragHarness(t)
	h.m.dropWait = 50 * time.Millisecond
	other := f.people[2]
	f.hold(other)
	row := h.rowOf(other)
	row.AvatarDrag.Dragged(drag(10))
	row.AvatarDrag.DragEnd()
	d := src.last(t)
	if _, err := d.item.File(); !errors.Is(err, errDragStillFetching) {
		t.Fatalf("a drop while the photo is on its way got %v, want errDragStillFetching", err)
	}
	// The picture, asked for after the file, does not wait the limit over:
	// it answers at once (a fake clock is not needed: the limit has passed).
	if _, err := d.item.PNG(); !errors.Is(err, errDragStillFetching) {
		t.Fatalf("the picture asked for after the file got %v, want errDragStillFetching", err)
	}
	d.done(dragout.Refused)
	h.waitFor("the status to say why", func() bool {
		return strings.Contains(h.m.status.activity.Text, "still being downloaded")
	})
	if got := h.m.status.activity.Text; !strings.Contains(got, other.DisplayName) || strings.Contains(got, "did not take") {
		t.Errorf("status = %q, want why nothing was dragged, naming %s", got, other.DisplayName)
	}
	f.releaseAll()
	h.waitIdle()
	if path, err := d.item.File(); err != nil || filepath.Base(path) == "" {
		t.Errorf("asked again once the photo is in: %q, %v; want the file", path, err)
	}
}

// A target asking for an avatar's photo while the pointer moves (pcmanfm
// does, to decide whether it takes the drop) is answered at once, and the
// drop's wait counts from the drop, not from that request: the photo
// arriving within the wait after the drop is dropped.
func TestAvatarDropWaitsFromTheDrop(t *testing.T) {
	h, f, src := newDragHarness(t)
	h.m.dropWait = 500 * time.Millisecond
	other := f.people[2]
	f.hold(other)
	row := h.rowOf(other)
	row.AvatarDrag.Dragged(drag(10))
	d := src.last(t)
	start := time.Now()
	if _, err := d.item.File(); !errors.Is(err, errDragStillFetching) {
		t.Fatalf("asked while moving, before the photo came: %v, want errDragStillFetching", err)
	}
	if took := time.Since(start); took >= h.m.dropWait/2 {
		t.Fatalf("a request while the pointer moves waited %s for the photo", took)
	}
	// Longer than the wait, before the drop: the wait must not have begun.
	<-time.After(h.m.dropWait + 100*time.Millisecond)
	row.AvatarDrag.DragEnd()
	got := make(chan error, 1)
	go func() {
		_, err := d.item.File()
		got <- err
	}()
	f.releaseAll()
	select {
	case err := <-got:
		if err != nil {
			t.Errorf("asked at the drop, the photo arriving meanwhile: %v, want the file", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the request at the drop never answered")
	}
}

// A drag that ends refused while the avatar's photo is still on its way
// says the photo was still being downloaded, even when no request has
// failed yet: it does not blame the program dropped on.
func TestRefusedWhileDownloadingSaysSo(t *testing.T) {
	h, f, src := newDragHarness(t)
	h.m.dropWait = time.Hour
	other := f.people[2]
	f.hold(other)
	defer f.releaseAll()
	row := h.rowOf(other)
	row.AvatarDrag.Dragged(drag(10))
	row.AvatarDrag.DragEnd()
	src.last(t).done(dragout.Refused)
	h.waitFor("the status to say why", func() bool {
		return strings.Contains(h.m.status.activity.Text, "still being downloaded")
	})
	if got := h.m.status.activity.Text; !strings.Contains(got, other.DisplayName) || strings.Contains(got, "did not take") {
		t.Errorf("status = %q, want the photo of %s still being downloaded", got, other.DisplayName)
	}
}

// Dragging the viewer with no photo in it (a person with none, one still
// loading) starts no drag and says why, as an avatar's drag does, instead
// of nothing at all.
func TestDraggingTheViewerWithNoPhotoSaysWhy(t *testing.T) {
	h, f, src := newDragHarness(t)
	dragViewer := func() string {
		t.Helper()
		handle := h.m.viewer.dragNone
		if !handle.Visible() {
			t.Fatal("nothing hears a drag where no photo is shown")
		}
		handle.Dragged(drag(10))
		handle.DragEnd()
		return h.m.status.activity.Text
	}
	none := f.people[2]
	f.setPhoto(none, 0, 0, nil)
	h.m.open(none)
	h.waitIdle()
	if got := dragViewer(); got != none.DisplayName+" has no photo: there is nothing to drag." {
		t.Errorf("dragging the viewer of someone with no photo: status = %q", got)
	}
	slow := f.people[3]
	f.hold(slow)
	defer f.releaseAll()
	h.m.open(slow)
	if got := dragViewer(); !strings.Contains(got, slow.DisplayName+" is still loading") {
		t.Errorf("dragging the viewer while the photo loads: status = %q", got)
	}
	if len(src.drags) != 0 {
		t.Errorf("%d drags started with no photo to drag", len(src.drags))
	}
}

// The status bar keeps saying what is being dragged while the drag runs:
// opening someone else meanwhile (Down in the list) does not take it, and
// an earlier drop that a target finishes late says so next to it.
func TestDragKeepsItsWordInTheStatusBar(t *testing.T) {
	h, f, src := newDragHarness(t)
	first, next := f.people[0], f.people[1]
	handle := h.m.viewer.drag
	handle.Dragged(drag(10))
	earlier := src.last(t)
	handle.DragEnd() // dropped; the target has not said it finished
	handle.Dragged(drag(10))
	dragging := "Dragging the photo of " + first.DisplayName
	h.m.open(next)
	h.waitShown(next.DisplayName)
	h.waitIdle()
	if got := h.m.status.activity.Text; !strings.Contains(got, dragging) {
		t.Errorf("status after opening someone else mid-drag = %q, want it to say %q", got, dragging)
	}
	earlier.done(dragout.Dropped)
	h.waitIdle()
	if got := h.m.status.activity.Text; !strings.Contains(got, "Dropped the photo of "+first.DisplayName) || !strings.Contains(got, dragging) {
		t.Errorf("status after the earlier drop finished mid-drag = %q, want both its end and %q", got, dragging)
	}
	handle.DragEnd()
	src.last(t).done(dragout.Dropped)
	h.waitIdle()
	if got := h.m.status.activity.Text; got != "Dropped the photo of "+first.DisplayName+"." {
		t.Errorf("status after the drag = %q", got)
	}
}

// Where no drag source exists the status bar says what to do instead.
func TestNoDragSourceSaysWhatToDo(t *testing.T) {
	h, _, src := newDragHarness(t)
	src.err = dragout.ErrUnsupported
	h.m.viewer.drag.Dragged(drag(10))
	if got := h.m.status.activity.Text; !strings.Contains(got, "not available here") || !strings.Contains(got, "Save") {
		t.Errorf("status = %q", got)
	}
	h.m.viewer.drag.DragEnd()
}

// rowOf is the result row on screen showing p.
func (h *harness) rowOf(p app.Person) *widgets.ResultRow {
	h.t.Helper()
	for _, o := range test.LaidOutObjects(h.m.sidebar.list) {
		if row, ok := o.(*widgets.ResultRow); ok && row.Name() == p.DisplayName {
			return row
		}
	}
	h.t.Fatalf("no row on screen for %s", p.DisplayName)
	return nil
}

// A photo dragged out and let go over the window itself comes back as a
// dropped file on Windows; it is not a picture to make someone's photo.
func TestDragLetGoOverTheWindowOpensNothing(t *testing.T) {
	h, _, src := newDragHarness(t)
	h.m.viewer.drag.Dragged(drag(10))
	path, err := src.last(t).item.File()
	if err != nil {
		t.Fatal(err)
	}
	h.drop(path)
	h.waitIdle()
	if h.dialogs.editor != nil {
		t.Error("the window's own drag file opened the photo editor")
	}
	if strings.HasPrefix(h.m.status.activity.Text, "Drop a folder") {
		t.Errorf("status = %q: the drop was taken for a mistake", h.m.status.activity.Text)
	}
}
