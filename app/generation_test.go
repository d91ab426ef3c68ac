package app

import (
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// TestInvalidateBumpsGeneration: Invalidate and ForgetMemory both change
// a subject's generation, and keep refuses an answer read before either.
func TestInvalidateBumpsGeneration(t *testing.T) {
	e := NewEngine(Config{Client: graphapi.New(graphapi.WithBaseURL("http://127.0.0.1:1"))})
	p := userPerson("ann")
	for _, forget := range []func(){func() { e.Invalidate(p) }, e.ForgetMemory} {
		gen := e.cache.gen(p.Subject)
		forget()
		if e.keep(p.Subject, gen, func() {}) {
			t.Error("an answer from before the forget was kept")
		}
		if !e.keep(p.Subject, e.cache.gen(p.Subject), func() {}) {
			t.Error("an answer from after the forget was refused")
		}
	}
}
