package identity

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// A key made ahead is taken by the next signer, once; without one the
// signer makes its own.
func TestSigningKeyMadeAhead(t *testing.T) {
	MakeSigningKeyAhead()
	MakeSigningKeyAhead() // a second call before it is taken does nothing
	s := newSigner()
	key, _, err := s.use()
	if err != nil || key.N.BitLen() != signingKeyBits {
		t.Fatalf("signer key %v, %v", key, err)
	}
	if k := takeKeyAhead(); k != nil {
		t.Error("the key made ahead was left for another signer")
	}
	other, _, err := newSigner().use()
	if err != nil || other.Equal(key) {
		t.Errorf("the next signer reused the key: %v", err)
	}
}

// The sign-in's first steps need no key, so the provider serves them while
// its key is still being made (tens of milliseconds of the window's start,
// at random); what needs the key — the key set, tokens — waits for it and
// then uses it.
func TestProviderServesWhileItsKeyIsMade(t *testing.T) {
	pending := make(chan *rsa.PrivateKey, 1)
	keyAhead.mu.Lock()
	keyAhead.ch = pending // a key "made ahead" that is not ready yet
	keyAhead.mu.Unlock()
	started := make(chan *Server, 1)
	go func() { started <- startTestServer(t, testConfig(nil)) }()
	var s *Server
	select {
	case s = <-started:
	case <-time.After(30 * time.Second): // a guard, not a timing: it never starts on the old code
		t.Fatal("the provider did not start serving before its key was made")
	}

	resp, err := s.HTTPClient().Get(s.URL + "/" + testTenant + "/v2.0/.well-known/openid-configuration")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("discovery before the key was made: %v, %v", resp, err)
	}
	_ = resp.Body.Close()

	keys := make(chan string, 1)
	go func() {
		resp, err := s.HTTPClient().Get(s.URL + "/" + testTenant + "/discovery/v2.0/keys")
		if err != nil {
			keys <- err.Error()
			return
		}
		defer func() { _ = resp.Body.Close() }()
		var set struct{ Keys []jwk }
		_ = json.NewDecoder(resp.Body).Decode(&set)
		if len(set.Keys) != 1 {
			keys <- "no key"
			return
		}
		keys <- set.Keys[0].Kid
	}()
	key, err := rsa.GenerateKey(rand.Reader, signingKeyBits)
	if err != nil {
		t.Fatal(err)
	}
	pending <- key
	_, kid, _ := s.Provider.signer.use()
	if got := <-keys; got != kid || kid == "" {
		t.Errorf("key set asked for while the key was made names %q; want the key's kid %q", got, kid)
	}
	token, err := s.Provider.issueDelegated(testAdele, testPublicClient, []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Provider.Verify(token); err != nil {
		t.Errorf("a token signed with the key made ahead does not verify: %v", err)
	}
}
