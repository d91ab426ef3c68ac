package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// notUnderstoodTokens is the window's account whose saved settings held
// values Photo Desk read as their defaults, as startup.SignedIn gives it.
type notUnderstoodTokens struct {
	graphapi.TokenSource
	notes []string
}

func (n notUnderstoodTokens) SettingsNotUnderstood() []string { return n.notes }

// A command run on the window's account says, on stderr and one note line
// each, which saved settings it read as their defaults: an admin who
// deployed them by script learns why the default is used. The command
// itself runs as before.
func TestSignedInSaysWhichSettingsWereNotUnderstood(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	notes := []string{
		`the saved Graph version "v2" is not one Photo Desk knows (v1.0 or beta): using v1.0`,
		`the saved cloud "weird" is not one Photo Desk knows (sandbox or m365): using the sandbox`,
	}
	SignedIn = func(ctx context.Context, api string) (graphapi.TokenSource, string, error) {
		return notUnderstoodTokens{graphapi.StaticToken(tn.env[EnvAccessToken]), notes}, tn.GraphURL("v1.0"), nil
	}
	t.Cleanup(func() { SignedIn = nil })
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	if code := run(t.Context(), []string{"get", "--me", "--meta"}, e); code != ExitOK || !strings.Contains(stdout.String(), `"etag"`) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
	lines := strings.Split(stderr.String(), "\n")
	for _, n := range notes {
		want := "photodesk: note: " + n
		count := 0
		for _, l := range lines {
			if l == want {
				count++
			}
		}
		if count != 1 {
			t.Errorf("stderr has %q %d times, want once:\n%s", want, count, stderr.String())
		}
	}
	if strings.Contains(stdout.String(), "not one Photo Desk knows") {
		t.Errorf("the notes reached stdout, which is for data:\n%s", stdout.String())
	}
}
