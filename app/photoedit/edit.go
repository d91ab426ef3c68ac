package photoedit

import (
	"image"
	"math"
)

// Edit is what the person chose in the editor. The zero value means "as
// loaded, centred largest square".
type Edit struct {
	// Rotate is the number of clockwise quarter turns; any integer is
	// taken modulo 4.
	Rotate int

	// Crop is the square to keep, in the pixel coordinates of the picture
	// after Rotate (see Source.RotatedBounds). An empty rectangle means
	// CenteredSquare; anything else is passed through ClampSquare, so a
	// frame left slightly outside the picture is still honoured.
	Crop image.Rectangle
}

// Square is the crop that Render and Prepare use for e: Crop made square
// and inside the rotated picture, or the centred square when Crop is empty.
// Editors draw their frame from it so the frame and the result agree.
func (e Edit) Square(src *Source) image.Rectangle {
	b := src.RotatedBounds(e.Rotate)
	if e.Crop.Empty() {
		return CenteredSquare(b.Size())
	}
	return ClampSquare(e.Crop, b)
}

// RotateClockwise is e turned one more quarter clockwise, with the crop
// turned along, so the same part of the picture stays selected.
func (e Edit) RotateClockwise(src *Source) Edit {
	next := Edit{Rotate: normTurns(e.Rotate + 1)}
	if e.Crop.Empty() {
		return next
	}
	// A quarter turn clockwise sends (x, y) to (h-1-y, x) in a picture
	// h pixels tall, so half-open ranges map as below.
	c, h := e.Square(src), src.RotatedBounds(e.Rotate).Dy()
	next.Crop = image.Rect(h-c.Max.Y, c.Min.X, h-c.Min.Y, c.Max.X)
	return next
}

// CenteredSquare is the largest square that fits a picture of the given
// size, centred: the default crop, which keeps a portrait's face for the
// usual head-and-shoulders photo.
func CenteredSquare(size image.Point) image.Rectangle {
	side := max(0, min(size.X, size.Y))
	x0, y0 := (size.X-side)/2, (size.Y-side)/2
	return image.Rect(x0, y0, x0+side, y0+side)
}

// ClampSquare turns a dragged or zoomed frame into a valid crop: square
// (the shorter side wins, keeping the centre), at least MinSide, at most
// the picture's shorter side, and moved, not shrunk, to lie inside bounds.
// Moving rather than cutting is what a person dragging past an edge
// expects: the frame stops at the edge.
func ClampSquare(r, bounds image.Rectangle) image.Rectangle {
	limit := min(bounds.Dx(), bounds.Dy())
	if limit <= 0 {
		return image.Rectangle{}
	}
	r = r.Canon()
	side := min(max(min(r.Dx(), r.Dy()), MinSide), limit)
	// Keep the centre: (Min+Max)/2 rounds the same way for any side.
	cx, cy := (r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2
	x0 := min(max(cx-side/2, bounds.Min.X), bounds.Max.X-side)
	y0 := min(max(cy-side/2, bounds.Min.Y), bounds.Max.Y-side)
	return image.Rect(x0, y0, x0+side, y0+side)
}

// Zoom scales the square r by 1/factor about center, the point under the
// pointer or pinch: factor 2 zooms in (the frame halves), 0.5 zooms out.
// center stays over the same picture pixel, as in every photo app. The
// result is square but may leave the picture or go below MinSide, so pass
// it through ClampSquare; a factor that is not a positive finite number
// returns r unchanged.
func Zoom(r image.Rectangle, factor float64, center image.Point) image.Rectangle {
	if !(factor > 0) || math.IsInf(factor, 1) {
		return r
	}
	r = r.Canon()
	side := max(1, roundClamped(float64(min(r.Dx(), r.Dy()))/factor))
	x0 := roundClamped(float64(center.X) - float64(center.X-r.Min.X)/factor)
	y0 := roundClamped(float64(center.Y) - float64(center.Y-r.Min.Y)/factor)
	return image.Rect(x0, y0, x0+side, y0+side)
}

// roundClamped rounds f to an int within ±2^30, because converting a float
// beyond int's range gives an unspecified value, and a wild zoom factor
// must still yield a rectangle that ClampSquare can bring back.
func roundClamped(f float64) int {
	const limit = 1 << 30
	return int(math.Round(max(-limit, min(limit, f))))
}
