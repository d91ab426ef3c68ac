package change

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// echoedToken is a JWT-shaped bearer token a misbehaving proxy or server
// sent back in its error answer.
const echoedToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJoZWxwZGVzayJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ"

// A refused change whose error echoes the request's Authorization header
// (a gateway's debug page, say) is logged as failed without the token or
// the terminal escape that came with it: the change log is a file on disk
// that a person reads and that undo prints from.
func TestFailedChangeLogsNoEchoedToken(t *testing.T) {
	c, g := newTestChanger(t)
	g.photos[ann.Subject] = []byte("old photo")
	g.failWrites = &graphapi.Error{Status: 502, Message: "bad gateway for Authorization: Bearer " + echoedToken + " \x1b]0;owned\x07", RequestID: "r"}
	e, err := c.Set(context.Background(), ann, []byte("new"), "image/jpeg")
	if err == nil || e.Status != StatusFailed {
		t.Fatalf("entry %+v, err %v; want a failed change", e, err)
	}
	raw, rerr := os.ReadFile(filepath.Join(c.Dir, LogName))
	if rerr != nil {
		t.Fatal(rerr)
	}
	for _, s := range []string{string(raw), e.Error} {
		if strings.Contains(s, "eyJ") || strings.Contains(s, "\x1b") || strings.Contains(s, "\\u001b") {
			t.Errorf("the token or the escape reached the change log: %s", s)
		}
	}
	if !strings.Contains(e.Error, "bad gateway") || !strings.Contains(e.Error, "[redacted]") {
		t.Errorf("logged error %q, want the gateway's words with the token redacted", e.Error)
	}
}
