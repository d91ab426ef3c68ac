package diskcache

import "testing"

// openClearHeld is openHeld that also says, on begun, when a Clear or
// DropTenant has marked what it is about to remove and waits for the
// index.
func openClearHeld(t *testing.T, dir string) (*held, chan struct{}) {
	t.Helper()
	begun := make(chan struct{}, 2)
	c := openHeld(t, Options{Dir: dir, hooks: indexHooks{clearWaits: func() { begun <- struct{}{} }}})
	return c, begun
}

// Clear cache pressed while the index of a full cache is still being read
// (the first seconds after start): a photo looked at meanwhile is not
// read from the files about to be removed, or the window would keep it in
// memory, shown for the hour, after the user cleared the cache to be rid
// of it. Sign-out's DropTenant likewise, for its tenant only.
func TestNothingReadWhileAClearWaitsForTheIndex(t *testing.T) {
	dir := t.TempDir()
	other := Key{Cloud: "sandbox", Tenant: "t2", Subject: "/users/a", Size: "48x48"}
	fill(t, dir, 100, "/users/a", "/users/b")
	c, begun := openClearHeld(t, dir)
	if err := c.Put(other, photo(100, 1)); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(key("/users/a")); !ok {
		t.Fatal("before any Clear, a file not yet indexed is read")
	}

	dropped := make(chan error, 1)
	go func() { dropped <- c.DropTenant("sandbox", "t1") }()
	<-begun
	if _, ok := c.Get(key("/users/b")); ok {
		t.Error("a photo of a tenant being signed out of was read while the sign-out waited for the index")
	}
	if _, ok := c.Get(other); !ok {
		t.Error("another tenant's photo missed while one tenant was dropped")
	}
	c.letMerge()
	if err := <-dropped; err != nil {
		t.Fatal(err)
	}

	c2, begun2 := openClearHeld(t, dir)
	cleared := make(chan error, 1)
	go func() { cleared <- c2.Clear() }()
	<-begun2
	if _, ok := c2.Get(other); ok {
		t.Error("a photo was read while Clear cache waited for the index")
	}
	c2.letMerge()
	if err := <-cleared; err != nil {
		t.Fatal(err)
	}
	if _, ok := c2.Get(other); ok {
		t.Error("a photo found after Clear")
	}
	if err := c2.Put(other, photo(100, 2)); err != nil {
		t.Fatal(err)
	}
	if _, ok := c2.Get(other); !ok {
		t.Error("a photo kept after Clear finished is not found")
	}
	usageMatchesDisk(t, c2.Cache, dir)
}
