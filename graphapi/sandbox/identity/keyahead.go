package identity

import (
	"crypto/rand"
	"crypto/rsa"
	"sync"
)

// keyAhead is a signing key made before anyone asked for one: an RSA key
// takes tens of milliseconds of CPU, which the window's start can spend
// on a core that is idle while the window is being built, rather than
// beside Mesa's shaders as the sandbox starts.
var keyAhead struct {
	mu sync.Mutex
	ch chan *rsa.PrivateKey // nil: none was started, or it was taken
}

// MakeSigningKeyAhead starts making the signing key the next Provider
// will use, on a goroutine of its own. Calling it again before that
// Provider took it does nothing.
func MakeSigningKeyAhead() {
	keyAhead.mu.Lock()
	defer keyAhead.mu.Unlock()
	if keyAhead.ch != nil {
		return
	}
	ch := make(chan *rsa.PrivateKey, 1)
	keyAhead.ch = ch
	go func() {
		key, err := rsa.GenerateKey(rand.Reader, signingKeyBits)
		if err != nil {
			key = nil // the provider makes its own
		}
		ch <- key
	}()
}

// takeKeyAhead is where the key MakeSigningKeyAhead is making will arrive
// (nil when it failed), once; nil when none was started.
func takeKeyAhead() <-chan *rsa.PrivateKey {
	keyAhead.mu.Lock()
	defer keyAhead.mu.Unlock()
	ch := keyAhead.ch
	keyAhead.ch = nil
	return ch
}
