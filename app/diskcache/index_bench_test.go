package diskcache

import (
	"fmt"
	"testing"
)

// BenchmarkOpenFullCache compares what a window's start waits for (Open)
// with the index that now runs behind it, on a folder of 5,000 entries.
func BenchmarkOpenFullCache(b *testing.B) {
	dir := b.TempDir()
	c, err := Open(Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 5000 {
		if err := c.Put(key(fmt.Sprintf("/users/%d", i)), photo(1000, 1)); err != nil {
			b.Fatal(err)
		}
	}
	<-c.Indexed()
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			c, err := Open(Options{Dir: dir})
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			<-c.Indexed()
			b.StartTimer()
		}
	})
	b.Run("open+index", func(b *testing.B) {
		for b.Loop() {
			c, err := Open(Options{Dir: dir})
			if err != nil {
				b.Fatal(err)
			}
			<-c.Indexed()
		}
	})
}
