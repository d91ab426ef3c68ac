package app

import (
	"bytes"
	"testing"

	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// TestSandboxRunsAtOnceKeepTheirOwnPhotos: two windows on the sandbox at
// once (each with a sandbox tenant of its own, started from the same
// seed, so the same tenant id) share the cache folder; a photo changed in
// one is never shown by the other, whose tenant still has the seeded one.
// Each run's photos are its own, and dropping the sandbox tenant (as a
// new run does at start) still clears every run's.
func TestSandboxRunsAtOnceKeepTheirOwnPhotos(t *testing.T) {
	dir := t.TempDir()
	d, err := diskcache.Open(diskcache.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	one, two := startTenant(t, sandbox.Options{}), startTenant(t, sandbox.Options{})
	if one.Dir.TenantID() != two.Dir.TenantID() {
		t.Skip("sandbox tenants no longer share an id; nothing to keep apart")
	}
	engine := func(tn *tenant, run string) *Engine {
		e := NewEngine(Config{Client: tn.Client(tn.Token, quickRetry), Now: tn.clock.Now})
		e.UseDiskCacheFor(d, "sandbox", tn.Dir.TenantID(), run)
		return e
	}
	p := sbUser(one.ex.FullHD)
	before, err := engine(one, "127.0.0.1:1001").Photo(t.Context(), p, "96x96")
	if err != nil {
		t.Fatal(err)
	}

	writer, err := two.UserToken(two.ex.Helpdesk.UserPrincipalName, "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	if err := two.Client(writer).SetPhoto(t.Context(), p.Subject, encodeJPEG(t, 300, 300), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	changed, err := engine(two, "127.0.0.1:1002").Photo(t.Context(), p, "96x96")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(changed.Bytes, before.Bytes) {
		t.Error("the second window shows the photo the first window kept, which its own tenant no longer has")
	}

	// The first window, its memory of the photo let go, reads the disk.
	again, err := engine(one, "127.0.0.1:1001").Photo(t.Context(), p, "96x96")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes, before.Bytes) {
		t.Error("the first window shows the photo changed in the second window's sandbox, which its own tenant does not have")
	}

	if err := d.DropTenant("sandbox", one.Dir.TenantID()); err != nil {
		t.Fatal(err)
	}
	if _, n := d.Usage(); n != 0 {
		t.Errorf("%d entries after dropping the sandbox tenant, want every run's gone", n)
	}
}
