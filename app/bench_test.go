package app

import (
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// BenchmarkPhotoCached is the "same frame" promise: a fresh cached photo is
// answered without touching the network.
func BenchmarkPhotoCached(b *testing.B) {
	f := newFakeGraph(b)
	f.set("/users/ann", hdPhoto(b, 648, "A"))
	e := NewEngine(Config{Client: f.client()})
	p := userPerson("ann")
	if _, err := e.Photo(b.Context(), p, "240x240"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := e.Photo(b.Context(), p, "240x240"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode648 is the cost of the safety checks plus decoding of the
// largest HD size, paid off the UI goroutine.
func BenchmarkDecode648(b *testing.B) {
	data := encodeJPEG(b, 648, 648)
	for b.Loop() {
		if _, err := DecodeImage(data, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAvatars100 loads a sidebar's worth of avatars (100 people) from
// the sandbox with real-Graph latency (100 ms), 20 ms server time and the
// four-concurrent photo rule, reporting requests and wall time per load.
func BenchmarkAvatars100(b *testing.B) {
	tn := sandboxtest.Start(b, sandbox.Options{Faults: sandbox.Faults{Latency: 100 * time.Millisecond, ServerTime: 20 * time.Millisecond, MaxPhotoConcurrency: 4}})
	users := tn.Dir.Users()[:100]
	people := make([]Person, len(users))
	for i, u := range users {
		people[i] = sbUser(u)
	}
	tn.ResetStats()
	for b.Loop() {
		e := NewEngine(Config{Client: tn.Client(tn.Token, quickRetry)}) // cold cache each time
		n := 0
		e.Avatars(b.Context(), people, func(int, Avatar) { n++ })
		if n != len(people) {
			b.Fatalf("%d avatars", n)
		}
	}
	st := tn.Stats()
	b.ReportMetric(float64(st.Requests[sandbox.KindBatch])/float64(b.N), "batches/op")
	b.ReportMetric(float64(st.Requests[sandbox.KindBatchItem])/float64(b.N), "items/op")
	b.ReportMetric(float64(st.Statuses[429])/float64(b.N), "429s/op")
}
