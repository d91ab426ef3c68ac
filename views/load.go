package views

import (
	"context"
	"errors"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// open shows p: the one entry point for a picked person (list, Me, lookup).
func (m *mainWindow) open(p app.Person) {
	if p.ID != m.sidebar.keptID {
		m.sidebar.keptID = "" // a drop, a paste: the person kept is no longer shown
	}
	m.person = &p
	m.relabelCopyAddress()
	m.viewer.setPerson(p)
	m.load()
}

// load fetches the current person's photo at the picked size and shows it:
// the one fetch-then-show flow. Starting a load cancels the one before, and
// an answer that arrives after a newer load started is dropped.
func (m *mainWindow) load() { m.loadThen(nil) }

// loadThen is load, with then run on the UI goroutine once the photo is
// shown (not if a newer load replaced this one).
func (m *mainWindow) loadThen(then func()) {
	if m.person == nil {
		return
	}
	p, size := *m.person, m.viewer.size()
	if p.Kind == app.KindContact {
		size = graphapi.SizeLargest // contacts have one photo size
	}
	ctx, isCurrent := m.photos.Start(m.ctx)
	m.setCurrent(nil)
	m.meta.clear()
	if r, ok := m.eng.PhotoInMemory(p, size); ok {
		// Fresh in memory (the first photo, fetched while the window was
		// being drawn; someone looked at again): shown in the frame being
		// drawn rather than one later.
		m.show(p, r, nil)
		if then != nil {
			then()
		}
		m.bg.run(func() { m.loadSizes(ctx, isCurrent, p, r) })
		return
	}
	m.viewer.showLoading(p)
	m.loadActivity("Loading the photo of " + p.DisplayName + "…")
	m.bg.run(func() {
		// Urgent: someone is looking; the list's avatars can wait.
		r, err := m.eng.Photo(graphapi.Urgent(ctx), p, size)
		m.bg.do(func() {
			if isCurrent() {
				m.show(p, r, err)
				if then != nil {
					then()
				}
			}
		})
		if err == nil {
			m.loadSizes(ctx, isCurrent, p, r)
		}
	})
}

// loadSizes marks on the size picker which sizes p's photo has, unless r
// already says (or there are none to mark); off the UI goroutine.
func (m *mainWindow) loadSizes(ctx context.Context, isCurrent func() bool, p app.Person, r *app.PhotoResult) {
	if r.NoPhoto || r.Available != nil || p.Kind == app.KindContact {
		return
	}
	sizes, err := m.eng.AvailableSizes(ctx, p)
	if err != nil {
		return // the picker just stays unmarked
	}
	m.bg.do(func() {
		if isCurrent() {
			m.viewer.setAvailable(sizes)
			m.meta.setAvailable(sizes)
		}
	})
}

// show puts a finished load on screen.
func (m *mainWindow) show(p app.Person, r *app.PhotoResult, err error) {
	m.loadActivity("")
	switch {
	case errors.Is(err, context.Canceled):
		return
	case err != nil:
		text := friendlyFor(err, m.sidebar.appOnly)
		m.viewer.showMessage(text)
		m.meta.showError(err)
		m.loadActivity(text)
	case r.NoPhoto:
		m.setCurrent(r)
		m.viewer.showNoPhoto(p, r.NoPhotoReason)
		m.meta.show(r)
	default:
		m.setCurrent(r)
		m.viewer.showPhoto(r)
		m.meta.show(r)
		m.sidebar.photoShown(p) // a row whose avatar failed takes it from this photo
	}
}

// setCurrent records the photo the actions work on and enables them.
func (m *mainWindow) setCurrent(r *app.PhotoResult) {
	m.current = r
	m.tools.enable(r != nil && !r.NoPhoto, r != nil, m.person != nil)
}

// onSizeChanged reloads at the size just picked.
func (m *mainWindow) onSizeChanged(graphapi.Size) { m.load() }
