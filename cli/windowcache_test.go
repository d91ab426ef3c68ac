package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// windowAccount is the window's account as main.go hands it over on a
// Microsoft 365 tenant: tokens, and where the window keeps the tenant's
// photos on disk.
type windowAccount struct {
	*scopeRecorder
	cloud, tenant string
}

func (w windowAccount) PhotoCacheScope() (string, string) { return w.cloud, w.tenant }

// A change made from the command line with the window's account clears
// what the window keeps of that person on disk — under their object id,
// though the command named them by UPN — so the window does not show the
// old photo from its cache; nobody else's entries go.
func TestChangeClearsTheWindowsDiskCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	tok, err := tn.UserToken(identity.DemoUPN, "User.ReadBasic.All", "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	const cloud, tenant = "login.microsoftonline.com", "tenant-1"
	SignedIn = func(context.Context, string) (graphapi.TokenSource, string, error) {
		return windowAccount{&scopeRecorder{TokenSource: graphapi.StaticToken(tok)}, cloud, tenant}, tn.GraphURL("v1.0"), nil
	}
	t.Cleanup(func() { SignedIn = nil })

	dir, err := diskcache.DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	window, err := diskcache.Open(diskcache.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	key := func(id string) diskcache.Key {
		return diskcache.Key{Cloud: cloud, Tenant: tenant, Subject: "/users/" + id + "/photos", Size: "48x48"}
	}
	for _, id := range []string{ex.FullHD.ID, ex.UpTo504.ID} {
		if err := window.Put(key(id), &diskcache.Entry{Fetched: time.Now(), Bytes: []byte("old photo"), ETag: `"old"`}); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	args := []string{"set", "--user", ex.FullHD.UserPrincipalName, "--file", picture(t, 100, 100), "--backup", t.TempDir()}
	if code := run(t.Context(), args, e); code != ExitOK {
		t.Fatalf("set: exit %d, stderr %q", code, stderr.String())
	}
	after, err := diskcache.Open(diskcache.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	<-after.Indexed()
	if _, ok := after.Get(key(ex.FullHD.ID)); ok {
		t.Error("the window's disk cache still holds the changed person's old photo")
	}
	if _, ok := after.Get(key(ex.UpTo504.ID)); !ok {
		t.Error("someone else's entry went too")
	}
}
