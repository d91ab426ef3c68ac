package keyringcache

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
)

// deleteFailingKeyring is a keyring that refuses deletes while refuse is
// set, as one locked between a Save's writes and its cleanup.
type deleteFailingKeyring struct {
	*memKeyring
	refuse atomic.Bool
}

var errLockedNow = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")

func (k *deleteFailingKeyring) Delete(service, user string) error {
	if k.refuse.Load() {
		return errLockedNow
	}
	return k.memKeyring.Delete(service, user)
}

// A Save that switched to the new cache but could not remove the chunks
// it replaced failed; saving the same cache again, as a retried sign-out
// does, removes them — they hold what the new cache left out (a signed-out
// account's tokens). It used to be skipped as unchanged, leaving them.
func TestSavingAgainRemovesWhatAFailedSaveLeft(t *testing.T) {
	ctx := context.Background()
	kr := &deleteFailingKeyring{memKeyring: newMemKeyring()}
	s := New("svc", "acct", WithBackend(kr), WithChunkSize(16))
	if err := s.Save(ctx, []byte(`{"RefreshToken":"signed-out-account-secret"}`)); err != nil {
		t.Fatal(err)
	}
	kr.refuse.Store(true)
	after := []byte(`{"RefreshToken":{}}`)
	if err := s.Save(ctx, after); !IsUnavailable(err) {
		t.Fatalf("Save with deletes refused = %v, want unavailable", err)
	}
	if got, err := s.Load(ctx); err != nil || string(got) != string(after) {
		t.Fatalf("Load = %q, %v; want the new cache live", got, err)
	}
	kr.refuse.Store(false)
	if err := s.Save(ctx, after); err != nil {
		t.Fatal(err)
	}
	var held strings.Builder
	for _, u := range kr.users("svc") {
		v, _ := kr.Get("svc", u)
		held.WriteString(v)
	}
	if strings.Contains(held.String(), "secret") {
		t.Errorf("the keyring still holds the old cache's chunks: %v", kr.users("svc"))
	}
	if got, err := s.Load(ctx); err != nil || string(got) != string(after) {
		t.Errorf("Load = %q, %v after the cleanup", got, err)
	}
}
