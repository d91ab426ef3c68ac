package keyringcache

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"
)

const testService = "Photo Desk test"

func TestLoadWithNothingStored(t *testing.T) {
	mem := newMemKeyring()
	data, err := New(testService, testAccount, WithBackend(mem)).Load(t.Context())
	if data != nil || err != nil {
		t.Fatalf("Load = %q, %v; want nil, nil", data, err)
	}
	if users := mem.users(testService); len(users) != 0 {
		t.Fatalf("Load created entries %v", users)
	}
}

func TestRoundTrip(t *testing.T) {
	binary := make([]byte, 5000)
	for i := range binary {
		binary[i] = byte(i * 7)
	}
	tests := []struct {
		name      string
		data      []byte
		chunkSize int
		encoding  string
	}{
		{"small", fakeCache(300, 1), DefaultChunkSize, encodingText},
		{"over 10 KB", fakeCache(10*1024+1, 2), DefaultChunkSize, encodingText},
		{"exact multiple", bytes.Repeat([]byte("x"), 3*DefaultChunkSize), DefaultChunkSize, encodingText},
		{"binary becomes base64", binary, DefaultChunkSize, encodingBase64},
		{"multi-byte UTF-8, tiny chunks", []byte(strings.Repeat("Zoë 写真 👩‍💻 ", 40)), 1, encodingText},
		{"empty", []byte{}, DefaultChunkSize, encodingText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := newMemKeyring()
			s := New(testService, testAccount, WithBackend(mem), WithChunkSize(tt.chunkSize))
			mustSave(t, s, tt.data)

			limit := max(tt.chunkSize, minChunkSize)
			idx, err := parseIndex(must(mem.Get(testService, testAccount)))
			if err != nil {
				t.Fatalf("index: %v", err)
			}
			if idx.Encoding != tt.encoding {
				t.Errorf("encoding = %q, want %q", idx.Encoding, tt.encoding)
			}
			wantChunks := chunksFor(tt.data, limit)
			if idx.Count < wantChunks {
				t.Errorf("index count = %d, want at least %d", idx.Count, wantChunks)
			}
			if got, want := mem.users(testService), chunkUsers(1, idx.Count); !slices.Equal(got, want) {
				t.Errorf("entries = %v, want %v", got, want)
			}
			for i := range idx.Count {
				chunk := must(mem.Get(testService, chunkName(testAccount, 1, i)))
				if len(chunk) > limit || chunk == "" || !utf8.ValidString(chunk) {
					t.Errorf("chunk %d: %d bytes (limit %d), valid UTF-8 %v", i, len(chunk), limit, utf8.ValidString(chunk))
				}
			}

			// A new Store is what the next app start sees.
			got := mustLoad(t, New(testService, testAccount, WithBackend(mem)))
			if !bytes.Equal(got, tt.data) || got == nil {
				t.Fatalf("Load returned %d bytes (nil %v), want the %d saved", len(got), got == nil, len(tt.data))
			}
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestSaveRemovesStaleChunks(t *testing.T) {
	mem := newMemKeyring()
	s := New(testService, testAccount, WithBackend(mem))
	big, small := fakeCache(11000, 3), fakeCache(500, 4)

	mustSave(t, s, big)
	mustSave(t, s, small)
	if got, want := mem.users(testService), chunkUsers(2, 1); !slices.Equal(got, want) {
		t.Fatalf("after big then small: entries %v, want %v", got, want)
	}
	mustSave(t, s, big)
	if got, want := mem.users(testService), chunkUsers(3, chunksFor(big, DefaultChunkSize)); !slices.Equal(got, want) {
		t.Fatalf("after small then big: entries %v, want %v", got, want)
	}
	if got := mustLoad(t, s); !bytes.Equal(got, big) {
		t.Fatal("Load does not return the last save")
	}
}

func TestSaveSkipsUnchangedCache(t *testing.T) {
	mem := newMemKeyring()
	var sets int
	var mu sync.Mutex
	counting := hookKeyring{inner: mem, before: func(op, _ string) error {
		mu.Lock()
		defer mu.Unlock()
		if op == "set" {
			sets++
		}
		return nil
	}}
	data := fakeCache(5000, 5)
	mustSave(t, New(testService, testAccount, WithBackend(mem)), data)

	s := New(testService, testAccount, WithBackend(counting))
	mustLoad(t, s)
	mustSave(t, s, data)
	if sets != 0 {
		t.Fatalf("saving the cache just loaded wrote %d entries", sets)
	}
	mustSave(t, s, fakeCache(5000, 6))
	if sets == 0 {
		t.Fatal("a changed cache was not written")
	}
}

func TestLoadCorrupt(t *testing.T) {
	data := fakeCache(9000, 7)
	tests := []struct {
		name   string
		damage func(t *testing.T, mem *memKeyring)
	}{
		{"altered chunk", func(t *testing.T, mem *memKeyring) {
			name := chunkName(testAccount, 1, 2)
			c := []byte(must(mem.Get(testService, name)))
			c[10] ^= 1
			_ = mem.Set(testService, name, string(c))
		}},
		{"truncated chunk", func(t *testing.T, mem *memKeyring) {
			name := chunkName(testAccount, 1, 0)
			_ = mem.Set(testService, name, must(mem.Get(testService, name))[:100])
		}},
		{"missing chunk", func(t *testing.T, mem *memKeyring) {
			if err := mem.Delete(testService, chunkName(testAccount, 1, 3)); err != nil {
				t.Fatal(err)
			}
		}},
		{"index not JSON", func(t *testing.T, mem *memKeyring) {
			_ = mem.Set(testService, testAccount, "{not json")
		}},
		{"index claims a chunk too many", func(t *testing.T, mem *memKeyring) {
			editIndex(t, mem, func(idx *index) { idx.Count++ })
		}},
		{"index claims a chunk too few", func(t *testing.T, mem *memKeyring) {
			editIndex(t, mem, func(idx *index) { idx.Count-- })
		}},
		{"index with absurd count", func(t *testing.T, mem *memKeyring) {
			editIndex(t, mem, func(idx *index) { idx.Count = 1 << 40 })
		}},
		{"index with other sha256", func(t *testing.T, mem *memKeyring) {
			editIndex(t, mem, func(idx *index) { idx.SHA256 = digest([]byte("other")) })
		}},
		{"index with bad base64 claim", func(t *testing.T, mem *memKeyring) {
			editIndex(t, mem, func(idx *index) { idx.Encoding = encodingBase64 })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := newMemKeyring()
			s := New(testService, testAccount, WithBackend(mem))
			mustSave(t, s, data)
			tt.damage(t, mem)

			got, err := New(testService, testAccount, WithBackend(mem)).Load(t.Context())
			if !errors.Is(err, ErrCorrupt) || IsUnavailable(err) || got != nil {
				t.Fatalf("Load = %d bytes, %v; want nil, ErrCorrupt", len(got), err)
			}
			// The caller's recovery: discard and start afresh.
			if err := s.Clear(t.Context()); err != nil {
				t.Fatalf("Clear: %v", err)
			}
			if users := mem.users(testService); len(users) != 0 {
				t.Fatalf("Clear left %v", users)
			}
			mustSave(t, s, data)
			if got := mustLoad(t, New(testService, testAccount, WithBackend(mem))); !bytes.Equal(got, data) {
				t.Fatal("cache saved after recovery does not load")
			}
		})
		t.Run(tt.name+", then saved over", func(t *testing.T) {
			mem := newMemKeyring()
			mustSave(t, New(testService, testAccount, WithBackend(mem)), data)
			tt.damage(t, mem)
			// A fresh sign-in exports without clearing first.
			fresh := fakeCache(4000, 25)
			mustSave(t, New(testService, testAccount, WithBackend(mem)), fresh)
			if got := mustLoad(t, New(testService, testAccount, WithBackend(mem))); !bytes.Equal(got, fresh) {
				t.Fatal("cache saved over a damaged one does not load")
			}
			idx, _ := parseIndex(must(mem.Get(testService, testAccount)))
			if got, want := mem.users(testService), chunkUsers(idx.Generation, idx.Count); !slices.Equal(got, want) {
				t.Fatalf("entries %v, want %v: chunks of the damaged cache were left", got, want)
			}
		})
	}
}

func editIndex(t *testing.T, mem *memKeyring, edit func(*index)) {
	t.Helper()
	idx, err := parseIndex(must(mem.Get(testService, testAccount)))
	if err != nil {
		t.Fatal(err)
	}
	edit(&idx)
	_ = mem.Set(testService, testAccount, idx.marshal())
}

// countCalls runs fn against a never-failing crashingKeyring and returns how
// many keyring calls it made.
func countCalls(t *testing.T, mem *memKeyring, fn func(s *Store) error) int {
	t.Helper()
	probe := &crashingKeyring{inner: mem, failAt: -1}
	if err := fn(New(testService, testAccount, WithBackend(probe))); err != nil {
		t.Fatalf("counting run: %v", err)
	}
	return probe.calls
}

func TestCrashDuringSave(t *testing.T) {
	tests := []struct {
		name     string
		old, new []byte
	}{
		{"grows", fakeCache(3000, 8), fakeCache(11000, 9)},
		{"shrinks", fakeCache(11000, 10), fakeCache(3000, 11)},
		{"first save", nil, fakeCache(7000, 12)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setup := func() *memKeyring {
				mem := newMemKeyring()
				if tt.old != nil {
					mustSave(t, New(testService, testAccount, WithBackend(mem)), tt.old)
				}
				return mem
			}
			steps := countCalls(t, setup(), func(s *Store) error { return s.Save(t.Context(), tt.new) })
			for k := range steps {
				mem := setup()
				crash := &crashingKeyring{inner: mem, failAt: k}
				err := New(testService, testAccount, WithBackend(crash)).Save(t.Context(), tt.new)
				if !IsUnavailable(err) {
					t.Fatalf("step %d/%d: Save error %v, want ErrUnavailable", k, steps, err)
				}

				want := tt.old
				if crash.wroteUser(testAccount) {
					want = tt.new
				}
				got, err := New(testService, testAccount, WithBackend(mem)).Load(t.Context())
				if err != nil || !bytes.Equal(got, want) {
					t.Fatalf("step %d/%d: Load after crash = %d bytes, %v; want the %d-byte %s cache",
						k, steps, len(got), err, len(want), map[bool]string{true: "new", false: "old"}[crash.wroteUser(testAccount)])
				}

				// The next successful save leaves no orphan of the crash behind.
				next := fakeCache(4500, uint64(100+k))
				s := New(testService, testAccount, WithBackend(mem))
				mustSave(t, s, next)
				idx, _ := parseIndex(must(mem.Get(testService, testAccount)))
				if got, want := mem.users(testService), chunkUsers(idx.Generation, idx.Count); !slices.Equal(got, want) {
					t.Fatalf("step %d/%d: after the next save entries are %v, want %v", k, steps, got, want)
				}
			}
		})
	}
}

func TestCrashDuringClear(t *testing.T) {
	old := fakeCache(9000, 13)
	// A crashed save of the next generation leaves orphans Clear must find.
	setup := func() *memKeyring {
		mem := newMemKeyring()
		mustSave(t, New(testService, testAccount, WithBackend(mem)), old)
		crash := hookKeyring{inner: mem, before: func(op, user string) error {
			if op == "set" && user == testAccount {
				return errInjected
			}
			return nil
		}}
		if err := New(testService, testAccount, WithBackend(crash)).Save(t.Context(), fakeCache(5000, 14)); err == nil {
			t.Fatal("injected failure did not stop Save")
		}
		return mem
	}
	steps := countCalls(t, setup(), func(s *Store) error { return s.Clear(t.Context()) })
	for k := range steps {
		mem := setup()
		err := New(testService, testAccount, WithBackend(&crashingKeyring{inner: mem, failAt: k})).Clear(t.Context())
		if !IsUnavailable(err) {
			t.Fatalf("step %d/%d: Clear error %v, want ErrUnavailable", k, steps, err)
		}
		got, err := New(testService, testAccount, WithBackend(mem)).Load(t.Context())
		switch {
		case errors.Is(err, ErrCorrupt):
		case err == nil && (got == nil || bytes.Equal(got, old)):
		default:
			t.Fatalf("step %d/%d: Load after interrupted Clear = %d bytes, %v", k, steps, len(got), err)
		}
		if err := New(testService, testAccount, WithBackend(mem)).Clear(t.Context()); err != nil {
			t.Fatalf("step %d/%d: second Clear: %v", k, steps, err)
		}
		if users := mem.users(testService); len(users) != 0 {
			t.Fatalf("step %d/%d: Clear left %v", k, steps, users)
		}
	}
}

func TestClearLeavesOtherAccounts(t *testing.T) {
	mem := newMemKeyring()
	other := New(testService, "other-cache", WithBackend(mem))
	mustSave(t, other, fakeCache(5000, 15))
	s := New(testService, testAccount, WithBackend(mem))
	mustSave(t, s, fakeCache(5000, 16))
	if err := s.Clear(t.Context()); err != nil {
		t.Fatal(err)
	}
	if data, err := s.Load(t.Context()); data != nil || err != nil {
		t.Fatalf("Load after Clear = %d bytes, %v", len(data), err)
	}
	if !bytes.Equal(mustLoad(t, other), fakeCache(5000, 15)) {
		t.Fatal("Clear damaged another account's cache")
	}
}

func TestBackendFailuresAreUnavailable(t *testing.T) {
	tests := []struct {
		name  string
		cause error
		wraps func(error) bool // the cause stays visible through the wrapping
	}{
		{"D-Bus error", errBusGone, func(err error) bool {
			var e dbus.Error
			return errors.As(err, &e) && e.Name == errBusGone.Name
		}},
		{"data too big", keyring.ErrSetDataTooBig, func(err error) bool { return errors.Is(err, keyring.ErrSetDataTooBig) }},
		{"locked", errInjected, func(err error) bool { return errors.Is(err, errInjected) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := newMemKeyring()
			mustSave(t, New(testService, testAccount, WithBackend(mem)), fakeCache(3000, 17))
			failing := hookKeyring{inner: mem, before: func(string, string) error { return tt.cause }}
			s := New(testService, testAccount, WithBackend(failing))
			check := func(op string, err error) {
				t.Helper()
				if !IsUnavailable(err) || !tt.wraps(err) || errors.Is(err, ErrCorrupt) {
					t.Errorf("%s: error %v; want ErrUnavailable wrapping the cause", op, err)
				}
			}
			data, err := s.Load(t.Context())
			check("Load", err)
			if data != nil {
				t.Error("Load returned data from a broken keyring")
			}
			check("Save", s.Save(t.Context(), []byte("{}")))
			check("Clear", s.Clear(t.Context()))
		})
	}
	if IsUnavailable(nil) || IsUnavailable(ErrCorrupt) {
		t.Error("IsUnavailable is true for a usable keyring")
	}
}

func TestCancelledContext(t *testing.T) {
	mem := newMemKeyring()
	old := fakeCache(9000, 18)
	mustSave(t, New(testService, testAccount, WithBackend(mem)), old)

	ctx, cancel := context.WithCancel(t.Context())
	var calls int
	cancelling := hookKeyring{inner: mem, before: func(op, user string) error {
		calls++
		if op == "set" && user == chunkName(testAccount, 2, 1) {
			cancel()
		}
		return nil
	}}
	s := New(testService, testAccount, WithBackend(cancelling))
	err := s.Save(ctx, fakeCache(9000, 19))
	if !errors.Is(err, context.Canceled) || IsUnavailable(err) {
		t.Fatalf("Save = %v; want context.Canceled", err)
	}
	if got := mustLoad(t, New(testService, testAccount, WithBackend(mem))); !bytes.Equal(got, old) {
		t.Fatal("a cancelled Save replaced the cache")
	}
	before := calls
	if _, err := s.Load(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Load with a cancelled context = %v", err)
	}
	if err := s.Clear(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Clear with a cancelled context = %v", err)
	}
	if calls != before {
		t.Fatalf("%d keyring calls made with a cancelled context", calls-before)
	}
}

// TestLoadRetriesWhenAnotherWriterSwitches plays the CLI saving a new cache
// (and deleting the old chunks) while the window is half-way through Load.
func TestLoadRetriesWhenAnotherWriterSwitches(t *testing.T) {
	mem := newMemKeyring()
	mustSave(t, New(testService, testAccount, WithBackend(mem)), fakeCache(9000, 20))
	newer := fakeCache(7000, 21)
	var once sync.Once
	interleaved := hookKeyring{inner: mem, before: func(op, user string) error {
		if op == "get" && user == chunkName(testAccount, 1, 1) {
			once.Do(func() { mustSave(t, New(testService, testAccount, WithBackend(mem)), newer) })
		}
		return nil
	}}
	got := mustLoad(t, New(testService, testAccount, WithBackend(interleaved)))
	if !bytes.Equal(got, newer) {
		t.Fatalf("Load returned %d bytes, want the %d-byte cache the other writer saved", len(got), len(newer))
	}
}

func TestConcurrentUse(t *testing.T) {
	mem := newMemKeyring()
	s := New(testService, testAccount, WithBackend(mem), WithChunkSize(500))
	blobs := [][]byte{fakeCache(3000, 22), fakeCache(6000, 23), fakeCache(1200, 24)}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 8 {
		wg.Go(func() {
			for j := range 5 {
				if err := s.Save(t.Context(), blobs[(i+j)%len(blobs)]); err != nil {
					errs <- err
					return
				}
				got, err := s.Load(t.Context())
				if err != nil {
					errs <- err
					return
				}
				if !slices.ContainsFunc(blobs, func(b []byte) bool { return bytes.Equal(b, got) }) {
					errs <- errors.New("Load returned a blob nobody saved")
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	idx, _ := parseIndex(must(mem.Get(testService, testAccount)))
	if got, want := mem.users(testService), chunkUsers(idx.Generation, idx.Count); !slices.Equal(got, want) {
		t.Fatalf("entries %v, want %v", got, want)
	}
}

// panickingKeyring panics on every call, as go-keyring v0.2.8 does when
// the session bus closes under its unlock prompt.
type panickingKeyring struct{}

func (panickingKeyring) Get(string, string) (string, error) {
	var signal *struct{ Body []any }
	return signal.Body[0].(string), nil // the nil signal go-keyring reads
}
func (panickingKeyring) Set(string, string, string) error { panic("closed bus") }
func (panickingKeyring) Delete(string, string) error      { panic("closed bus") }

// A keyring library that panics is a keyring that is unavailable: Load
// and Save say so as for any other failure, and nothing crashes.
func TestPanickingKeyringIsUnavailable(t *testing.T) {
	s := New(testService, testAccount, WithBackend(panickingKeyring{}))
	if _, err := s.Load(t.Context()); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Load = %v, want ErrUnavailable", err)
	}
	if err := s.Save(t.Context(), fakeCache(300, 1)); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Save = %v, want ErrUnavailable", err)
	}
}
