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

// People a resumed run kept unchanged are people with a photo, so the
// line says so next to that count: put after the errors (and the
// skipped), "2 errors (2 of them unchanged)" read as if the errors had
// been kept, when they had been retried.
func TestSummaryCountsUnchangedWithThePhotos(t *testing.T) {
	sum := Summary{Progress: Progress{Done: 5, OK: 2, NoPhoto: 1, Errors: 2, Skipped: 1, Unchanged: 2}}
	got := sum.String()
	if want := "2 with a photo (2 of them unchanged), 1 without photo, 2 errors, 1 skipped"; !strings.Contains(got, want) {
		t.Errorf("%q, want %q in it", got, want)
	}
}
