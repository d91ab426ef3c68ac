package change

import (
	"fmt"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
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

// TestExplainOfAnUnansweredWriteDoesNotSayTryAgain: a gateway's 504 to a
// change was worded "Microsoft Graph is unavailable right now (504 Gateway
// Timeout). Try again in a moment." before the window's and the command
// line's "it may have gone through: look at the photo again": tried again
// before looking, the change may be made twice.
func TestExplainOfAnUnansweredWriteDoesNotSayTryAgain(t *testing.T) {
	p := app.Person{DisplayName: "Adele Vance", Subject: graphapi.User("adele@contoso.com"), Kind: app.KindUser}
	for _, status := range []int{502, 504} {
		err := fmt.Errorf("set photo: %w", &graphapi.Error{Status: status, Method: "PUT", RequestID: "b8a2983e"})
		msg := Explain(err, p)
		if strings.Contains(strings.ToLower(msg), "try again") || strings.Contains(msg, "Nothing was changed") || !strings.Contains(msg, fmt.Sprint(status)) {
			t.Errorf("a %d to a change is explained %q; want the status, and neither 'try again' nor 'nothing was changed' before the look", status, msg)
		}
	}
}
