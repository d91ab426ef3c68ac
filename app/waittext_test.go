package app

import (
	"testing"
	"time"
)

func TestWaitText(t *testing.T) {
	for d, want := range map[time.Duration]string{
		86000 * time.Second: "23 h 53 min", time.Hour: "1 h", 125 * time.Second: "2 min 5 s",
		time.Minute: "1 min", 40 * time.Second: "40 s", 2100 * time.Millisecond: "3 s",
	} {
		if got := WaitText(d); got != want {
			t.Errorf("WaitText(%s) = %q, want %q", d, got, want)
		}
	}
}
