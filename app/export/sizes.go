package export

import (
	"fmt"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// Mode says what an export fetches for each person.
type Mode int

const (
	// ModeOne fetches one size per person (falling back to the largest
	// smaller size the person uploaded).
	ModeOne Mode = iota
	// ModeAll fetches every size the person has stored.
	ModeAll
	// ModeNone fetches photo metadata only: the audit, with no files.
	ModeNone
)

// Sizes is the --size choice of an export: one size, all of them, or none.
type Sizes struct {
	Mode Mode
	Size graphapi.Size // ModeOne only; SizeLargest is the default photo
}

// ParseSizes reads "largest", a size like "48x48" or "48", "all" or "none".
func ParseSizes(s string) (Sizes, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "all":
		return Sizes{Mode: ModeAll}, nil
	case "none":
		return Sizes{Mode: ModeNone}, nil
	}
	size, err := graphapi.ParseSize(s)
	if err != nil {
		return Sizes{}, fmt.Errorf("export size: %w (or all, none)", err)
	}
	return Sizes{Mode: ModeOne, Size: size}, nil
}

// String gives the flag spelling back, for usage and logs.
func (s Sizes) String() string {
	switch s.Mode {
	case ModeAll:
		return "all"
	case ModeNone:
		return "none"
	}
	return app.SizeName(s.Size)
}
