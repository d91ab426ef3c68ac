package keyringcache

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

// childEnv makes the test binary act as a separate app process whose
// environment (its D-Bus address) a test controls; see runChild.
const childEnv = "KEYRINGCACHE_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(runChild())
	}
	os.Exit(m.Run())
}

// runChild uses the default (go-keyring) backend the way the app would and
// prints one line per call; it exits 0 only if every call reported the
// keyring unavailable.
func runChild() int {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := New(os.Getenv(childEnv), testAccount)
	status := 0
	report := func(op string, err error) {
		fmt.Printf("%s: unavailable=%v: %v\n", op, IsUnavailable(err), err)
		if !IsUnavailable(err) {
			status = 1
		}
	}
	data, err := s.Load(ctx)
	report("load", err)
	if data != nil {
		fmt.Println("load returned data")
		status = 1
	}
	report("save", s.Save(ctx, fakeCache(5000, 1)))
	report("clear", s.Clear(ctx))
	return status
}
