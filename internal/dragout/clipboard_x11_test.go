//go:build linux || freebsd || netbsd || openbsd || dragonfly

package dragout

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"
)

// paste converts CLIPBOARD to target as a program pasting does, from the
// test's own connection (a second X client), and returns the data with
// the type it came as; ok is false when the owner refused.
func (x *xtest) paste(win xproto.Window, target string) (data []byte, typ string, ok bool) {
	x.t.Helper()
	prop := x.atom("_PHOTODESK_TEST_PASTE")
	xproto.ConvertSelection(x.conn, win, x.atom("CLIPBOARD"), x.atom(target), prop, xproto.TimeCurrentTime)
	deadline := time.Now().Add(10 * time.Second)
	for {
		ev, xerr := x.conn.PollForEvent()
		if ev == nil && xerr == nil {
			if time.Now().After(deadline) {
				x.t.Fatalf("no SelectionNotify for %s", target)
			}
			// Nothing queued yet: a round trip reads what the server sent.
			_, _ = xproto.GetInputFocus(x.conn).Reply()
			continue
		}
		n, isNotify := ev.(xproto.SelectionNotifyEvent)
		if !isNotify {
			continue
		}
		if n.Property == xproto.AtomNone {
			return nil, "", false
		}
		r, err := xproto.GetProperty(x.conn, true, win, prop, xproto.GetPropertyTypeAny, 0, 1<<24).Reply()
		if err != nil {
			x.t.Fatal(err)
		}
		name, err := xproto.GetAtomName(x.conn, r.Type).Reply()
		if err != nil {
			x.t.Fatal(err)
		}
		return r.Value, name.Name, true
	}
}

// Copy file, pasted by another X client as the file managers paste: the
// URI list and GNOME's copied-files name the file, whose bytes are the
// photo's; TARGETS lists them with the picture, which comes as PNG. Once
// another program takes the clipboard, the copy is no longer answered.
func TestX11CopyFileIsPastedAsTheFile(t *testing.T) {
	xt := newXTest(t)
	src, err := New(uintptr(xt.window()))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	photo := []byte("\xff\xd8\xff\xe0 a JPEG's bytes")
	path := filepath.Join(t.TempDir(), "megan bowen#1_240x240.jpg")
	if err := os.WriteFile(path, photo, 0o600); err != nil {
		t.Fatal(err)
	}
	pngData := bytes.Repeat([]byte("PNG data "), 100_000) // over one request's worth
	if err := src.Copy(Item{
		File: func() (string, error) { return path, nil },
		PNG:  func() ([]byte, error) { return pngData, nil },
	}); err != nil {
		t.Fatal(err)
	}
	win := xt.window()
	fileOf := func(uri string) string {
		t.Helper()
		u, err := url.Parse(uri)
		if err != nil || u.Scheme != "file" {
			t.Fatalf("pasted %q, want a file URI", uri)
		}
		got, err := os.ReadFile(u.Path)
		if err != nil {
			t.Fatalf("pasted %q: %v", uri, err)
		}
		if !bytes.Equal(got, photo) {
			t.Errorf("the file pasted from %q is not the photo's bytes", uri)
		}
		return u.Path
	}

	data, typ, ok := xt.paste(win, "TARGETS")
	if !ok || typ != "ATOM" {
		t.Fatalf("TARGETS: ok %v, type %q", ok, typ)
	}
	var targets []string
	for i := 0; i+4 <= len(data); i += 4 {
		a := xproto.Atom(uint32(data[i]) | uint32(data[i+1])<<8 | uint32(data[i+2])<<16 | uint32(data[i+3])<<24)
		name, err := xproto.GetAtomName(xt.conn, a).Reply()
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, name.Name)
	}
	for _, want := range []string{"text/uri-list", "x-special/gnome-copied-files", "image/png"} {
		if !slices.Contains(targets, want) {
			t.Errorf("TARGETS %v lacks %s", targets, want)
		}
	}

	data, typ, ok = xt.paste(win, "text/uri-list")
	if !ok || typ != "text/uri-list" {
		t.Fatalf("text/uri-list: ok %v, type %q", ok, typ)
	}
	if got := fileOf(strings.TrimSuffix(string(data), "\r\n")); got != path {
		t.Errorf("uri-list names %q, want %q", got, path)
	}

	data, typ, ok = xt.paste(win, "x-special/gnome-copied-files")
	if !ok || typ != "x-special/gnome-copied-files" {
		t.Fatalf("gnome-copied-files: ok %v, type %q", ok, typ)
	}
	action, uri, _ := strings.Cut(string(data), "\n")
	if action != "copy" {
		t.Errorf("gnome-copied-files %q: want it copied, not %q", data, action)
	}
	if got := fileOf(uri); got != path {
		t.Errorf("gnome-copied-files names %q, want %q", got, path)
	}

	data, typ, ok = xt.paste(win, "image/png")
	if !ok || typ != "image/png" || !bytes.Equal(data, pngData) {
		t.Errorf("image/png: ok %v, type %q, %d bytes (want %d)", ok, typ, len(data), len(pngData))
	}
	if _, _, ok := xt.paste(win, "text/html"); ok {
		t.Error("a type not on offer was answered")
	}

	// Another program copies something: the copy is let go.
	if err := xproto.SetSelectionOwnerChecked(xt.conn, win, xt.atom("CLIPBOARD"), xproto.TimeCurrentTime).Check(); err != nil {
		t.Fatal(err)
	}
	x := src.(*x11Source)
	for deadline := time.Now().Add(10 * time.Second); x.copied() != nil; {
		if time.Now().After(deadline) {
			t.Fatal("the copy was kept after another program took the clipboard")
		}
		_ = x.serverTime() // a round trip on the source's connection: its loop has read what came before
	}
}
