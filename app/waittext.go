package app

import (
	"fmt"
	"time"
)

// WaitText words a wait for a person: "23 h 53 min", "2 min 5 s", "40 s".
// Graph's Retry-After can ask for anything from a fraction of a second to a
// day, so the words follow its scale.
func WaitText(d time.Duration) string {
	// Rounded up, so a short wait never reads "0 s".
	d = (d + time.Second - 1).Truncate(time.Second)
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	switch {
	case h > 0 && m > 0:
		return fmt.Sprintf("%d h %d min", h, m)
	case h > 0:
		return fmt.Sprintf("%d h", h)
	case m > 0 && s > 0:
		return fmt.Sprintf("%d min %d s", m, s)
	case m > 0:
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d s", s)
}
