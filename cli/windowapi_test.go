package cli

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// TestWindowsGraphVersionIsTheDefault: a command on the window's account
// takes the window's tenant, client ID and sign-in from its Settings, and
// so its Graph version too: with Settings on beta it talked to v1.0
// unless --api said beta. Without --api the hook is asked for no version
// (the window's, startup.SignedIn reads it), and --api still overrides it.
func TestWindowsGraphVersionIsTheDefault(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	const windowVersion = "beta" // as Settings saved it
	var asked, served []string
	SignedIn = func(_ context.Context, api string) (graphapi.TokenSource, string, error) {
		// As startup.SignedIn: "" is the version saved in Settings.
		asked = append(asked, api)
		version := orDefault(api, windowVersion)
		served = append(served, version)
		return graphapi.StaticToken(tn.env[EnvAccessToken]), tn.GraphURL(version), nil
	}
	t.Cleanup(func() { SignedIn = nil })
	for _, args := range [][]string{
		{"get", "--me", "--meta"},
		{"get", "--me", "--meta", "--api", "v1.0"},
		{"get", "--me", "--meta", "--api", "beta"},
	} {
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
		if code := run(t.Context(), args, e); code != ExitOK {
			t.Fatalf("%q: exit %d, stderr %q", args, code, stderr.String())
		}
	}
	if want := []string{"", "v1.0", "beta"}; !slices.Equal(asked, want) {
		t.Errorf("the window's account was asked for versions %q, want %q (\"\": the window's own)", asked, want)
	}
	if want := []string{"beta", "v1.0", "beta"}; !slices.Equal(served, want) {
		t.Errorf("served %q, want %q", served, want)
	}
}

// The help says where the version comes from without --api.
func TestAPIHelpNamesTheWindowsVersion(t *testing.T) {
	var stdout bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}
	if code := run(t.Context(), []string{"get", "-h"}, e); code != ExitOK {
		t.Fatalf("get -h: exit %d", code)
	}
	if !strings.Contains(stdout.String(), "version set in the window's Settings") {
		t.Errorf("get -h does not say --api defaults to the window's version:\n%s", stdout.String())
	}
}
