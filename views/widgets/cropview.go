package widgets

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/photoedit"
)

// CropView shows a picture with a square frame over it: drag the frame to
// move it, scroll to make it larger or smaller — or, focused, use the
// arrow keys and + and - (cropviewkeys.go). Outside the frame the picture
// is dimmed, so what will be kept stands out.
type CropView struct {
	widget.BaseWidget
	// OnChanged hears the frame after every move or zoom, in the picture's
	// pixels.
	OnChanged func(image.Rectangle)
	// OnEscape, when set, runs when Escape is pressed on the focused view.
	OnEscape func()

	img   image.Image
	frame image.Rectangle // square, inside img's bounds

	picture *canvas.Image
	shades  [4]*canvas.Rectangle // above, below, left, right of the frame
	border  *canvas.Rectangle
	focused bool // Tab reached it: the keys move and resize the frame
}

// NewCropView is an empty crop view; SetImage gives it a picture.
func NewCropView() *CropView {
	v := &CropView{picture: canvas.NewImageFromImage(nil), border: canvas.NewRectangle(color.Transparent)}
	v.picture.FillMode = canvas.ImageFillContain
	for i := range v.shades {
		v.shades[i] = canvas.NewRectangle(color.NRGBA{A: 0x99})
	}
	v.border.StrokeWidth = 2
	v.ExtendBaseWidget(v)
	return v
}

// SetImage shows img with frame (square, in img's pixels) over it.
func (v *CropView) SetImage(img image.Image, frame image.Rectangle) {
	v.img, v.frame = img, frame
	v.picture.Image = img
	v.picture.Refresh()
	v.Refresh()
}

// Frame is the frame now, in the picture's pixels.
func (v *CropView) Frame() image.Rectangle { return v.frame }

// SetFrame moves the frame (kept square and inside the picture).
func (v *CropView) SetFrame(r image.Rectangle) {
	if v.img == nil {
		return
	}
	v.frame = photoedit.ClampSquare(r, v.img.Bounds())
	v.Refresh()
	if v.OnChanged != nil {
		v.OnChanged(v.frame)
	}
}

// scale is picture pixels per Fyne unit, and where the picture starts.
func (v *CropView) scale() (float32, fyne.Position) {
	if v.img == nil {
		return 1, fyne.Position{}
	}
	b, size := v.img.Bounds(), v.Size()
	s := max(float32(b.Dx())/size.Width, float32(b.Dy())/size.Height)
	if s <= 0 {
		return 1, fyne.Position{}
	}
	w, h := float32(b.Dx())/s, float32(b.Dy())/s
	return s, fyne.NewPos((size.Width-w)/2, (size.Height-h)/2)
}

// Dragged moves the frame with the pointer.
func (v *CropView) Dragged(ev *fyne.DragEvent) {
	s, _ := v.scale()
	d := image.Pt(int(ev.Dragged.DX*s), int(ev.Dragged.DY*s))
	v.SetFrame(v.frame.Add(d))
}

// DragEnd implements fyne.Draggable.
func (v *CropView) DragEnd() {}

// Scrolled makes the frame smaller (scrolling up: zooming in on what it
// keeps) or larger, about its centre.
func (v *CropView) Scrolled(ev *fyne.ScrollEvent) {
	if ev.Scrolled.DY < 0 {
		v.zoom(1 / zoomIn)
		return
	}
	v.zoom(zoomIn)
}

// MinSize leaves room to see a face.
func (v *CropView) MinSize() fyne.Size { return fyne.NewSquareSize(320) }

// CreateRenderer implements fyne.Widget.
func (v *CropView) CreateRenderer() fyne.WidgetRenderer {
	objs := []fyne.CanvasObject{v.picture}
	for _, s := range v.shades {
		objs = append(objs, s)
	}
	objs = append(objs, v.border)
	return &cropRenderer{v: v, objects: objs}
}

type cropRenderer struct {
	v       *CropView
	objects []fyne.CanvasObject
}

func (r *cropRenderer) Layout(size fyne.Size) {
	v := r.v
	v.picture.Resize(size)
	v.picture.Move(fyne.Position{})
	s, origin := v.scale()
	if v.img == nil {
		return
	}
	b := v.img.Bounds()
	// On whole pixels: shades that meet at a fraction leave a seam, a
	// line undimmed or dimmed twice where they meet.
	at := func(p image.Point) fyne.Position {
		return fyne.NewPos(float32(math.Round(float64(origin.X+float32(p.X-b.Min.X)/s))),
			float32(math.Round(float64(origin.Y+float32(p.Y-b.Min.Y)/s))))
	}
	f0, f1 := at(v.frame.Min), at(v.frame.Max)
	place := func(o fyne.CanvasObject, x0, y0, x1, y1 float32) {
		o.Move(fyne.NewPos(x0, y0))
		o.Resize(fyne.NewSize(max(0, x1-x0), max(0, y1-y0)))
	}
	// Out to the view's edges, not the picture's: the picture is drawn
	// where Fyne rounds it, and a shade stopping short left a strip of it
	// undimmed; the empty margins dim with it.
	place(v.shades[0], 0, 0, size.Width, f0.Y)
	place(v.shades[1], 0, f1.Y, size.Width, size.Height)
	place(v.shades[2], 0, f0.Y, f0.X, f1.Y)
	place(v.shades[3], f1.X, f0.Y, size.Width, f1.Y)
	place(v.border, f0.X, f0.Y, f1.X, f1.Y)
}

func (r *cropRenderer) MinSize() fyne.Size { return r.v.MinSize() }

func (r *cropRenderer) Refresh() {
	r.v.border.StrokeColor = theme.Color(theme.ColorNamePrimary)
	r.v.border.StrokeWidth = 2
	if r.v.focused {
		r.v.border.StrokeWidth = 4 // where the keys go
	}
	r.Layout(r.v.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *cropRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *cropRenderer) Destroy() {}
