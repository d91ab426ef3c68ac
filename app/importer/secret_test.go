package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi"
)

// echoingGraph refuses every upload with an error that echoes the bearer
// token, as a misbehaving gateway's debug page does.
type echoingGraph struct{ change.Graph }

const echoedToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJoZWxwZGVzayJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ"

func (echoingGraph) SetPhoto(context.Context, graphapi.Subject, []byte, string) error {
	return &graphapi.Error{Status: 400, Code: "BadRequest", Message: "refused Authorization: Bearer " + echoedToken + "\x1b[2J", RequestID: "r"}
}

// A failed upload's line in the import journal (a file next to the report)
// carries why it failed, but not a token the server echoed, nor its
// terminal escapes.
func TestJournalHoldsNoEchoedToken(t *testing.T) {
	x := newTenant(t)
	x.perItemReads = true
	x.changer.Graph = echoingGraph{x.client}
	ex := x.Dir.Examples()
	dir := t.TempDir()
	picture(t, dir, ex.NoPhoto.UserPrincipalName+".jpg", 64, 64)
	p := x.plan(t, dir)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	sum := x.run(t, t.Context(), p, journal, Options{})
	if sum.Errors != 1 {
		t.Fatalf("summary %+v, want the one upload refused", sum.Progress)
	}
	raw, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "eyJ") || strings.Contains(string(raw), "\\u001b") {
		t.Errorf("the journal holds the echoed token or escape: %s", raw)
	}
	if !strings.Contains(string(raw), "[redacted]") {
		t.Errorf("the journal does not say why the upload failed: %s", raw)
	}
	for _, r := range sum.Results {
		if strings.Contains(r.Err, "eyJ") {
			t.Errorf("result error %q holds the token", r.Err)
		}
	}
}
