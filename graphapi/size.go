package graphapi

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Size names one of Graph's HD photo sizes, like "48x48". The empty Size
// means "the largest photo there is", which is what /photo (no size) returns.
type Size string

// SizeLargest asks for the default photo, the largest one available.
const SizeLargest Size = ""

// HDSizes are the nine sizes Graph serves under /photos/{size}, smallest
// first. Exchange derives them from the uploaded photo, so an upload of
// 504x504 has every size except 648x648.
var HDSizes = []Size{
	"48x48", "64x64", "96x96", "120x120", "240x240",
	"360x360", "432x432", "504x504", "648x648",
}

// ParseSize reads a size the way people type it: "largest" (or ""), "48",
// "48x48" or "48X48". Only the nine HD sizes are accepted because no other
// size can be requested from Graph.
func ParseSize(s string) (Size, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" || t == "largest" {
		return SizeLargest, nil
	}
	if !strings.Contains(t, "x") {
		t = t + "x" + t
	}
	if slices.Contains(HDSizes, Size(t)) {
		return Size(t), nil
	}
	names := make([]string, len(HDSizes))
	for i, z := range HDSizes {
		names[i] = string(z)
	}
	// Listed as words: %v of the slice printed Go's "[48x48 64x64 …]".
	return "", fmt.Errorf("unknown photo size %q: want largest or one of %s", s, strings.Join(names, ", "))
}

// Pixels returns the larger side of the size in pixels, so sizes (and odd
// Entra-only dimensions like "400x300") can be compared. It is 0 for
// SizeLargest and for anything that is not WxH, such as "default".
func (s Size) Pixels() int {
	w, h, ok := strings.Cut(strings.ToLower(string(s)), "x")
	if !ok {
		return 0
	}
	wi, err1 := strconv.Atoi(w)
	hi, err2 := strconv.Atoi(h)
	if err1 != nil || err2 != nil || wi <= 0 || hi <= 0 {
		return 0
	}
	return max(wi, hi)
}

// FallbackCandidates picks the size to show when s is missing: the largest
// of available that is no bigger than s (any size at all for SizeLargest).
// The result is normalised to lower case, ready for a request. It reports
// false when nothing fits, e.g. only 648x648 exists and 48x48 was asked for.
func (s Size) FallbackCandidates(available []Size) (Size, bool) {
	limit := s.Pixels()
	best, bestPx := Size(""), 0
	for _, a := range available {
		px := a.Pixels()
		if px == 0 || (s != SizeLargest && px > limit) {
			continue
		}
		if px > bestPx {
			best, bestPx = Size(strings.ToLower(string(a))), px
		}
	}
	return best, bestPx > 0
}
