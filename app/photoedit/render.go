package photoedit

import "image"

// Render is the edited square scaled to side x side, for the editor's live
// previews at PreviewSides. It is the same pipeline Prepare uploads from,
// so the preview shows the pixels that will be sent. side <= 0 gives an
// empty image.
func Render(src *Source, e Edit, side int) image.Image {
	return render(src, e, side)
}

// Previews renders e at every size in PreviewSides, in that order, from one
// pass over the photo: the smaller ones are scaled from the largest, as
// Graph scales its smaller sizes from the uploaded one. Three Render calls
// would read the whole photo three times for each move of the frame.
func Previews(src *Source, e Edit) []image.Image {
	largest := render(src, e, PreviewSides[len(PreviewSides)-1])
	out := make([]image.Image, len(PreviewSides))
	for i, side := range PreviewSides {
		out[i] = scale(largest, largest.Rect, side)
	}
	return out
}

// render crops and scales in the upright picture and turns only the small
// result: scaling and quarter turns commute on a square, and turning
// side x side pixels instead of the whole photo keeps dragging smooth.
func render(src *Source, e Edit, side int) *image.RGBA {
	if side <= 0 {
		return image.NewRGBA(image.Rectangle{})
	}
	turns := normTurns(e.Rotate)
	crop := uprightRect(e.Square(src), turns, src.Size())
	return orient(scale(src.img, crop, side), quarterTurns(turns))
}

// uprightRect maps r, in the coordinates of the upright picture turned
// clockwise by turns (0–3) quarters, back to the upright picture's
// coordinates; size is the upright picture's size.
func uprightRect(r image.Rectangle, turns int, size image.Point) image.Rectangle {
	w, h := size.X, size.Y
	switch turns {
	case 1: // turned (x, y) shows upright (y, h-1-x)
		return image.Rect(r.Min.Y, h-r.Max.X, r.Max.Y, h-r.Min.X)
	case 2: // turned (x, y) shows upright (w-1-x, h-1-y)
		return image.Rect(w-r.Max.X, h-r.Max.Y, w-r.Min.X, h-r.Min.Y)
	case 3: // turned (x, y) shows upright (w-1-y, x)
		return image.Rect(w-r.Max.Y, r.Min.X, w-r.Min.Y, r.Max.X)
	}
	return r
}
