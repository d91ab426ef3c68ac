package export

import (
	"strings"
	"testing"
)

// With one size asked for, who has only small photos is not known: the
// line says so rather than "0 only small sizes"; what a fallback revealed
// is still counted.
func TestSummarySaysWhenSmallIsNotKnown(t *testing.T) {
	for _, c := range []struct {
		sum  Summary
		want string
	}{
		{Summary{LargestUnknown: true}, "0 non-square (only small sizes: export largest, all or none to know)"},
		{Summary{LargestUnknown: true, OnlySmall: 2}, "2 only small sizes, 0 non-square"},
		{Summary{}, "0 only small sizes, 0 non-square"},
	} {
		if got := c.sum.String(); !strings.Contains(got, c.want) {
			t.Errorf("%+v: %q, want %q in it", c.sum, got, c.want)
		}
	}
}
