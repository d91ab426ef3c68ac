package sandbox

import (
	"testing"
)

// BenchmarkStart10000 measures starting a 10,000-user sandbox (directory,
// CA, signing key, two listeners); the goal is well under 2 s.
func BenchmarkStart10000(b *testing.B) {
	for b.Loop() {
		s, err := Start(Options{Users: 10000})
		if err != nil {
			b.Fatal(err)
		}
		_ = s.Close()
	}
}

// BenchmarkNewDirectory10000 isolates people generation from key making.
func BenchmarkNewDirectory10000(b *testing.B) {
	for b.Loop() {
		NewDirectory(1, 10000)
	}
}

// BenchmarkRender648 measures drawing and encoding one uncached 648x648
// photo, the cost of a cache miss.
func BenchmarkRender648(b *testing.B) {
	d := NewDirectory(1, 20)
	s := userSubject(d.Examples().FullHD)
	for i := 0; b.Loop(); i++ {
		renderPhoto(portraitFor(1, s, i), 648, 648, "jpeg")
	}
}

// BenchmarkSearch10000 measures matching one $search against a
// 10,000-user tenant.
func BenchmarkSearch10000(b *testing.B) {
	d := NewDirectory(1, 10000)
	items := make([]any, len(d.users))
	for i, u := range d.users {
		items[i] = u
	}
	match, err := parseSearch(`"displayName:ann" OR "mail:ann"`, []*entityType{userType})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		keep(items, match)
	}
}
