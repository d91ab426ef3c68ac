package views

import (
	"image"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/app/photoedit"
)

// thumb is a file's thumbnail, nil until it is drawn.
func (t *importTable) thumb(path string) image.Image {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.thumbs[path]
}

// currentOf is a person's current photo as the preview shows it; none
// reports that they have no photo.
func (t *importTable) currentOf(id string) (im image.Image, none bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.current[id], t.noPhoto[id]
}

// loadThumbnails draws every file's thumbnail (what the upload's centred
// square looks like) and fetches everyone's current photo, off the UI
// goroutine, redrawing the table as they arrive, until the table's
// context ends.
func (t *importTable) loadThumbnails() {
	items, ctx, drawn := t.plan.Items, t.ctx, t.drawn
	t.m.bg.run(func() {
		for k, it := range items {
			if ctx.Err() != nil { // closed, or a new preview replaced the table
				return
			}
			if it.File.Problem != "" {
				continue
			}
			data, err := photoedit.ReadFile(it.File.Path)
			if err != nil {
				t.damaged(k, "cannot be read: "+app.PathReason(err).Error()) // the row names the file
				continue
			}
			src, err := photoedit.Load(data)
			if err != nil {
				t.damaged(k, err.Error())
				continue
			}
			im := photoedit.Render(src, photoedit.Edit{}, thumbSide*2)
			t.mu.Lock()
			t.thumbs[it.File.Path] = im
			t.mu.Unlock()
			if drawn != nil {
				drawn()
			}
			if k%10 == 9 {
				t.redraw()
			}
		}
		t.redraw()
	})
	t.loadCurrent()
}

// damaged makes item k an invalid row saying why, on the UI goroutine:
// its thumbnail could not be drawn, so the run could not decode it
// either. The scan read only its header and end, which looked fine; a
// blank thumbnail on a "will upload" row counted in Import N photos
// would promise an upload that then fails.
func (t *importTable) damaged(k int, why string) {
	ctx := t.ctx
	t.m.bg.do(func() {
		if ctx.Err() != nil || !t.plan.SetDamaged(k, why) {
			return // closed, replaced, or already being sent
		}
		t.refresh()
		t.changed()
	})
}

// redraw queues one table refresh on the UI goroutine, however many
// thumbnails arrive meanwhile.
func (t *importTable) redraw() {
	if t.redrawing.Swap(true) {
		return
	}
	t.m.bg.do(func() {
		t.redrawing.Store(false)
		t.table.Refresh()
	})
}

// loadCurrent fetches the current photos of everyone matched that is not
// known yet: the engine's avatars, 20 to a $batch.
func (t *importTable) loadCurrent() {
	var people []app.Person
	seen := map[string]bool{}
	t.mu.Lock()
	for _, it := range t.plan.Items {
		for _, u := range append([]importer.User{}, it.Candidates...) {
			if !seen[u.ID] && t.current[u.ID] == nil && !t.noPhoto[u.ID] {
				seen[u.ID] = true
				people = append(people, u.Person())
			}
		}
		if it.User != nil && !seen[it.User.ID] && t.current[it.User.ID] == nil && !t.noPhoto[it.User.ID] {
			seen[it.User.ID] = true
			people = append(people, it.User.Person())
		}
	}
	t.mu.Unlock()
	if len(people) == 0 {
		return
	}
	ctx, before := t.ctx, t.beforeCurrent
	t.fetching++
	t.m.bg.run(func() {
		// Said done however it ends (the dialog's wait line goes with
		// it), even when the table's context ended first.
		defer t.m.bg.do(t.currentDone)
		if before != nil {
			before()
		}
		t.m.eng.Avatars(ctx, people, func(_ int, a app.Avatar) {
			t.mu.Lock()
			if a.Image != nil {
				t.current[a.Person.ID] = a.Image
			} else if a.NoPhoto {
				t.noPhoto[a.Person.ID] = true
			}
			t.mu.Unlock()
			t.redraw()
		})
	})
}

// currentDone ends one current-photo fetch. UI goroutine.
func (t *importTable) currentDone() {
	t.fetching--
	if t.currentLoaded != nil {
		t.currentLoaded()
	}
}
