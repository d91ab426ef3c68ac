package app

import (
	"errors"
	"strings"
	"testing"
)

// A photo cut short on the way is read again, as export and a change's
// backup do, so a flaky network does not show a person's fine photo as
// damaged; damaged on every read, or the same way twice, it is said which.
func TestDamagedTransferIsReadAgainInTheWindow(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	const value = "GET /users/ann/photos/240x240/$value"

	ph := hdPhoto(t, 648, "AAA1")
	ph.cutReads = PhotoReads - 1
	f.set("/users/ann", ph)
	r, err := e.Photo(t.Context(), userPerson("ann"), "240x240")
	if err != nil || r.Image == nil || r.Width != 240 {
		t.Fatalf("cut short twice, then whole: %v %+v", err, r)
	}
	if n := f.count(value); n != PhotoReads {
		t.Fatalf("%d reads of the bytes, want %d", n, PhotoReads)
	}

	ph = hdPhoto(t, 648, "BBB1")
	ph.cutReads = PhotoReads
	f.set("/users/bob", ph)
	_, err = e.Photo(t.Context(), userPerson("bob"), "240x240")
	if !errors.Is(err, ErrDamagedInTransit) || !errors.Is(err, ErrNotImage) {
		t.Fatalf("damaged on every read: %v", err)
	}
	if n := f.count("GET /users/bob/photos/240x240/$value"); n != PhotoReads {
		t.Fatalf("%d reads of bob's bytes, want %d", n, PhotoReads)
	}
	if msg := Friendly(err); !strings.Contains(msg, "damaged 3 times") || !strings.Contains(msg, "Try again") {
		t.Fatalf("friendly %q", msg)
	}

	ph = hdPhoto(t, 648, "CCC1")
	ph.cutAlways = true
	f.set("/users/cat", ph)
	_, err = e.Photo(t.Context(), userPerson("cat"), "240x240")
	if !errors.Is(err, ErrHeldDamaged) || !errors.Is(err, ErrNotImage) {
		t.Fatalf("damaged the same way twice: %v", err)
	}
	if n := f.count("GET /users/cat/photos/240x240/$value"); n != 2 {
		t.Fatalf("%d reads of cat's bytes, want 2", n)
	}
	if msg := Friendly(err); !strings.Contains(msg, "Graph holds is damaged") || !strings.Contains(msg, "Uploading a new photo") {
		t.Fatalf("friendly %q", msg)
	}
}
