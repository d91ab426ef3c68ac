package views

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/internal/dragout"
	"github.com/photodesk/photodesk/internal/starttrace"
)

// dragThreshold is how far, in Fyne units, the pointer must move with the
// button held before a press becomes a drag out of the window: less is a
// click, or a hand that shook.
const dragThreshold = 6

// errDragNoPhoto is what an avatar's drag gives a target when the person
// has no photo.
var errDragNoPhoto = errors.New("the person has no photo")

// dragFetchLimit bounds fetching an avatar's photo for a drag that started
// before it was at hand.
const dragFetchLimit = 30 * time.Second

// dropWaitLimit is how long a target asking for the file at the drop waits
// for that fetch. On Windows the target's GetData runs inside DoDragDrop's
// loop on the UI thread, so the window and the program dropped on both
// hang while it waits; the fetch goes on after it, for the next try.
const dropWaitLimit = 5 * time.Second

// errDragStillFetching is what a drop gets when the avatar's photo has not
// arrived within dropWaitLimit.
var errDragStillFetching = errors.New("the photo was still being downloaded; drag it again in a moment")

// dragOut turns a drag on a photo — the viewer's, or a result's avatar —
// into a drag out of the window, into a folder, a mail or a chat: past
// dragThreshold it starts the platform's drag offering the photo's file
// (written as Save writes it, in a private folder, when a target asks)
// and PNG, follows the pointer, drops on release and cancels on Escape.
type dragOut struct {
	m      *mainWindow
	travel float32      // how far the pointer moved in this press
	drag   dragout.Drag // the drag out, once started; nil otherwise
	spent  bool         // this press's drag is over (could not start, or Esc): nothing more until the next press
	saying string       // the status bar's word on the drag, kept there while it runs
	count  int          // drags started, to tell an earlier drag's end from the running one's
}

// dragged hears a move with the button held; offer says what the drag
// would carry, whose photo it is (what) and ok whether there is anything
// to drag — when there is not, what is the sentence saying why, for the
// status bar ("" for none).
func (d *dragOut) dragged(ev *fyne.DragEvent, offer func() (item dragout.Item, what string, ok bool)) {
	if d.drag != nil {
		d.drag.Moved()
		return
	}
	if d.spent {
		return
	}
	d.travel += abs32(ev.Dragged.DX) + abs32(ev.Dragged.DY)
	if d.travel < dragThreshold {
		return
	}
	item, what, ok := offer()
	if !ok {
		d.spent = true
		if what != "" {
			d.m.setActivity(what)
		}
		return
	}
	failure := &itemFailure{item: item}
	src, err := d.m.dragSource()
	if err == nil {
		d.drag, err = src.Start(failure.watch(item), d.finished(what, failure, d.count+1))
	}
	if err != nil {
		d.spent = true
		d.m.setActivity(dragUnavailable(err))
		return
	}
	d.count++
	d.saying = "Dragging the photo of " + what + ": drop it on a folder, a mail or a chat. Esc cancels."
	d.m.setActivity(d.saying)
	d.drag.Moved()
}

// ended hears the release: the drag drops where the pointer is.
func (d *dragOut) ended() {
	if d.drag != nil {
		d.drag.Released()
	}
	d.drag, d.travel, d.spent = nil, 0, false
}

// cancel ends a drag in progress (Escape) and reports whether there was one.
// It ends the press's gesture too: the button is still held and the travel
// is past the threshold, so without that the next move would start the drag
// again and the release would drop what Esc cancelled.
func (d *dragOut) cancel() bool {
	if d.drag == nil {
		return false
	}
	d.drag.Cancel()
	d.drag, d.spent = nil, true
	return true
}

// finished says in the status bar how a drag of what ended. A drop the
// target did not take because the photo could not be given (a person with
// no photo, a fetch that failed) says so, rather than blaming the target.
//
// The drag is the count'th started: one that ends while a later one runs
// (a target finishing a drop late) keeps the later one's word in the bar
// after its own, so the person still sees what they are dragging.
func (d *dragOut) finished(what string, failure *itemFailure, count int) func(dragout.Result) {
	return func(r dragout.Result) {
		starttrace.Event("drag " + r.String())
		var err error
		if r == dragout.Refused || r == dragout.TimedOut {
			err = failure.get()
		}
		d.m.bg.do(func() {
			say := func(text string) {
				if d.drag != nil && d.count != count {
					if text != "" {
						text += " "
					}
					text += d.saying
				}
				d.m.setActivity(text)
			}
			if err != nil {
				switch {
				case errors.Is(err, errDragNoPhoto):
					say(what + " has no photo: there is nothing to drag.")
				case errors.Is(err, errDragStillFetching):
					say("The photo of " + what + " was still being downloaded: drag it again in a moment.")
				default:
					say("The photo of " + what + " could not be dragged: " + friendly(err))
				}
				return
			}
			switch r {
			case dragout.Dropped:
				say("Dropped the photo of " + what + ".")
			case dragout.Refused:
				say("The program you dropped on did not take the photo of " + what + ".")
			case dragout.TimedOut:
				say("The program you dropped on did not answer; the photo of " + what + " may not have arrived.")
			case dragout.NotCopied:
				// It took the file, so the photo is not at fault; but a link
				// to the drag's private file dies with the sweep, and a
				// bookmark of a file is nothing (pcmanfm's Places pane).
				// The news first: a long line is cut short in the status bar.
				say("The photo of " + what + " may not have been saved: the program you dropped on took it, but not as a copy (a link or bookmark, perhaps). Drop it into a folder's window, or use Save….")
			case dragout.Cancelled:
				say("Drag cancelled.")
			default:
				say("")
			}
		})
	}
}

// loadActivity is setActivity for loading a photo, which leaves the status
// bar to a drag running (the person would no longer see what they are
// dragging; opening someone else meanwhile, with the keyboard, is a load)
// and to a job with a Stop link (its word beside the link would become
// the load's, and the link then read as stopping the load). The viewer
// shows the load's progress and errors itself. "" clears only the load's
// own word: a job's "Saved 9 photos of …", said while the load ran, stays.
func (m *mainWindow) loadActivity(text string) {
	if m.dragOut.drag != nil {
		return
	}
	if text == "" {
		if m.status.activity.Text == m.loadWord {
			m.status.setActivity("")
		}
		m.loadWord = ""
		return
	}
	if m.status.busy() {
		return
	}
	m.loadWord = text
	m.status.setActivity(text)
}

// itemFailure keeps the last error a drag's item gave a target asking for
// its file or picture: the platform's drop protocol only says the target
// got nothing.
type itemFailure struct {
	item dragout.Item // as offered, before watch
	mu   sync.Mutex
	err  error
}

// watch wraps item's file and picture so their errors are kept.
func (f *itemFailure) watch(item dragout.Item) dragout.Item {
	if file := item.File; file != nil {
		item.File = func() (string, error) {
			path, err := file()
			f.keep(err)
			return path, err
		}
	}
	if picture := item.PNG; picture != nil {
		item.PNG = func() ([]byte, error) {
			b, err := picture()
			f.keep(err)
			return b, err
		}
	}
	return item
}

// keep remembers the outcome of the last request: one that succeeded after
// a failed one (the photo arrived, the target asked again) clears it, so a
// later refusal is the target's, not the photo's.
func (f *itemFailure) keep(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err = err
}

// get is why the drag's item gave a target nothing, if it did. An item
// whose data comes late (Item.Ready) is asked now rather than trusted to
// the last request: a request may still be on its way when the drag ends,
// and a photo still being fetched at the end is why, whatever was asked.
func (f *itemFailure) get() error {
	if ready := f.item.Ready; ready != nil {
		select {
		case <-ready:
			_, err := f.item.File() // answers at once now
			return err
		default:
			return errDragStillFetching
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

// dragUnavailable words why no drag could start.
func dragUnavailable(err error) string {
	if errors.Is(err, dragout.ErrUnsupported) {
		return "Dragging a photo out of the window is not available here; use Save…, or drop a folder on the window."
	}
	fyne.LogError("start a drag", err)
	return "The drag could not start: " + friendly(err)
}

// photoItem is what dragging the shown photo carries; with no photo shown,
// why there is nothing to drag, as an avatar's drag says it.
func (m *mainWindow) photoItem() (dragout.Item, string, bool) {
	r, ok := m.photo()
	switch {
	case m.drags == nil:
		return dragout.Item{}, "", false
	case ok:
		return dragout.Item{File: m.onceFile(func() (*app.PhotoResult, error) { return r, nil }), PNG: r.PNG}, r.Person.DisplayName, true
	case r != nil: // shown, and it says there is no photo
		return dragout.Item{}, r.Person.DisplayName + " has no photo: there is nothing to drag.", false
	case m.person == nil:
		return dragout.Item{}, "Choose someone with a photo first: there is nothing to drag.", false
	case m.viewer.loading.Visible():
		return dragout.Item{}, "The photo of " + m.person.DisplayName + " is still loading: there is nothing to drag yet.", false
	}
	return dragout.Item{}, "The photo of " + m.person.DisplayName + " is not shown: there is nothing to drag.", false
}

// avatarItem is what dragging p's avatar carries: p's photo at the size
// picked, fetched when a target asks for it (at the drop) unless cached.
func (m *mainWindow) avatarItem(p app.Person) (dragout.Item, string, bool) {
	if m.drags == nil {
		return dragout.Item{}, "", false
	}
	size := m.viewer.size()
	if p.Kind == app.KindContact {
		size = graphapi.SizeLargest
	}
	var photo *app.PhotoResult
	var ferr error
	fetched := make(chan struct{})
	// ready (Item.Ready) closes when the photo is in or the drop gave up
	// on it, whichever comes first.
	ready := make(chan struct{})
	var readyOnce sync.Once
	isReady := func() { readyOnce.Do(func() { close(ready) }) }
	// Fetch now, while the pointer travels: a target asks for the file at
	// the drop and should not wait on the network then.
	m.bg.run(func() {
		defer isReady()
		defer close(fetched)
		ctx, cancel := context.WithTimeout(m.ctx, dragFetchLimit)
		defer cancel()
		photo, ferr = m.eng.Photo(ctx, p, size)
		if ferr == nil && photo.NoPhoto {
			ferr = errDragNoPhoto
		}
	})
	// One wait for the whole drop, from the drop (Item.Dropped): a target
	// asks for the file and then the picture, or asks again, and each
	// must not wait the whole limit over. A target asking while the
	// pointer moves (to decide whether it would take the drop) is answered
	// at once: waiting would hold it, and on Windows the window, for
	// nothing, and the drop waits for the photo itself.
	var dropOnce sync.Once
	dropped, gaveUp := make(chan struct{}), make(chan struct{})
	wait := m.dropWait
	drop := func() {
		dropOnce.Do(func() {
			close(dropped)
			time.AfterFunc(wait, func() {
				close(gaveUp)
				isReady()
			})
		})
	}
	fetch := func() (*app.PhotoResult, error) {
		select {
		case <-fetched:
			return photo, ferr
		case <-dropped:
		default:
			return nil, errDragStillFetching // still moving
		}
		select {
		case <-fetched:
			return photo, ferr
		case <-gaveUp:
			select {
			case <-fetched: // both ready: the photo wins
				return photo, ferr
			default:
				return nil, errDragStillFetching
			}
		}
	}
	png := func() ([]byte, error) {
		r, err := fetch()
		if err != nil {
			return nil, err
		}
		return r.PNG()
	}
	return dragout.Item{File: m.onceFile(fetch), PNG: png, Dropped: drop, Ready: ready}, p.DisplayName, true
}

// onceFile writes the drag file of the photo photo gives, once, however
// often a target asks for it.
//
// A photo not yet at hand (errDragStillFetching) is asked for again at the
// next request, since a target may ask twice; photo is waited for outside
// the lock, so requests at once do not queue behind each other's waits.
func (m *mainWindow) onceFile(photo func() (*app.PhotoResult, error)) func() (string, error) {
	var mu sync.Mutex
	var path string
	var err error
	done := false
	return func() (string, error) {
		mu.Lock()
		if done {
			mu.Unlock()
			return path, err
		}
		mu.Unlock()
		r, perr := photo()
		if errors.Is(perr, errDragStillFetching) {
			return "", perr
		}
		mu.Lock()
		defer mu.Unlock()
		if !done {
			if err = perr; err == nil {
				path, err = m.drags.Write(r)
			}
			done = true
		}
		return path, err
	}
}

// dragSource is the window's drag source, made the first time a drag
// starts.
func (m *mainWindow) dragSource() (dragout.Source, error) {
	if m.newDragSource == nil {
		return nil, dragout.ErrUnsupported
	}
	return m.newDragSource()
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}
