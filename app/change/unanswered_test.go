package change

import (
	"fmt"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// Unanswered goes by every try of a change, not its last answer alone: an
// upload given up on as throttled after a try that got no answer
// (graphapi.ErrEarlierTryUnanswered) may have gone through on that try.
// Taken as answered, the journal marked it failed, an import sent the
// file again (backing up its own upload as the person's photo) and the
// undo walked past the first change, never putting the original back.
func TestUnansweredCountsAnEarlierTryWithNoAnswer(t *testing.T) {
	throttled := &graphapi.Error{Status: 429, Code: "TooManyRequests", Method: "PUT"}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"throttled on every try", fmt.Errorf("set photo: %w", throttled), false},
		{"throttled after a try with no answer", fmt.Errorf("set photo: %w (%w)", throttled, graphapi.ErrEarlierTryUnanswered), true},
		{"refused after a try with no answer", fmt.Errorf("%w (%w)", &graphapi.Error{Status: 403, Method: "PUT"}, graphapi.ErrEarlierTryUnanswered), true},
		{"gateway timeout", &graphapi.Error{Status: 504}, true},
		{"not sent", fmt.Errorf("%w (%w)", ErrNotSent, graphapi.ErrNoAnswer), false},
	}
	for _, tt := range tests {
		if got := Unanswered(tt.err); got != tt.want {
			t.Errorf("%s: Unanswered(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}
