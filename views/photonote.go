package views

import (
	"fmt"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// teamsLargest is the side of the largest HD size, the one Teams and
// Outlook ask for first; a largest photo under it is worth a word.
const teamsLargest = 648

// photoNote is what the viewer says about the photo shown, beyond the
// picture itself, so a small or odd photo does not pass for a good one
// (issue 18): the fallback ("648x648 not uploaded — showing 240x240"), a
// largest photo under 648x648 ("Largest uploaded: 240x240"), a photo kept
// only in Entra ID, and a photo that is not square. available is the size
// list once known (nil before); an empty list next to a photo is what an
// Entra-only photo gives.
func photoNote(r *app.PhotoResult, available []graphapi.Size) string {
	if r == nil || r.NoPhoto || r.Width <= 0 {
		return ""
	}
	var parts []string
	if n := r.FallbackNote(); n != "" {
		parts = append(parts, n)
	} else if r.Person.Kind == app.KindContact {
		// Why the size picker is greyed out.
		parts = append(parts, "Contacts have one photo size, so Size does not apply")
	}
	sized := hasHDSizes(r.Person)
	switch {
	case sized && isEntraOnly(available):
		parts = append(parts, entraOnlyText(r.Width, r.Height))
	case sized && r.Requested == graphapi.SizeLargest && max(r.Width, r.Height) < teamsLargest:
		parts = append(parts, fmt.Sprintf("Largest uploaded: %dx%d (Teams and Outlook show up to %dx%d)", r.Width, r.Height, teamsLargest, teamsLargest))
	}
	if r.Width != r.Height {
		parts = append(parts, fmt.Sprintf("Not square (%dx%d): Teams and Outlook crop it to a circle", r.Width, r.Height))
	}
	return strings.Join(parts, "\n")
}

// isEntraOnly says a known size list is empty although a photo exists:
// the photo is stored in Entra ID only, at its own dimensions.
func isEntraOnly(available []graphapi.Size) bool {
	return available != nil && len(available) == 0
}

// hasHDSizes reports whether p's photo comes in Graph's HD sizes when it
// is kept in the mailbox: a user's or a group's does, a contact's has one
// size wherever it lives.
func hasHDSizes(p app.Person) bool {
	return p.Kind != app.KindContact && p.Subject.SupportsSizes()
}

// entraOnlyText describes an Entra-only photo, for the viewer and the
// "Sizes available" detail.
func entraOnlyText(w, h int) string {
	return fmt.Sprintf("One photo, %dx%d, stored in Entra ID (no HD sizes)", w, h)
}
