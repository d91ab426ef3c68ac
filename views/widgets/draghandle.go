package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// DragHandle is a transparent widget laid over something a person can
// drag out of the window — a photo, an avatar. It hears the drag (Fyne
// sends it to the deepest draggable object under the pointer, so laid on
// top it wins over a scroll container below) and shows a grabbing hand
// while the drag lasts.
type DragHandle struct {
	widget.BaseWidget
	// OnDragged hears every move with the button held, also outside the
	// window; OnDragEnd hears the release.
	OnDragged func(*fyne.DragEvent)
	OnDragEnd func()
	dragging  bool
}

// NewDragHandle is a handle with no one listening yet.
func NewDragHandle() *DragHandle {
	h := &DragHandle{}
	h.ExtendBaseWidget(h)
	return h
}

// Dragged implements fyne.Draggable.
func (h *DragHandle) Dragged(ev *fyne.DragEvent) {
	h.dragging = true
	if h.OnDragged != nil {
		h.OnDragged(ev)
	}
}

// DragEnd implements fyne.Draggable.
func (h *DragHandle) DragEnd() {
	h.dragging = false
	if h.OnDragEnd != nil {
		h.OnDragEnd()
	}
}

// Cursor implements desktop.Cursorable: a hand while dragging.
func (h *DragHandle) Cursor() desktop.Cursor {
	if h.dragging {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// CreateRenderer implements fyne.Widget: nothing to see.
func (h *DragHandle) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
