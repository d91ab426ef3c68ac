package graphapi

import (
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want Size
		ok   bool
	}{
		{"", SizeLargest, true},
		{"largest", SizeLargest, true},
		{" Largest ", SizeLargest, true},
		{"48", "48x48", true},
		{"48x48", "48x48", true},
		{"48X48", "48x48", true},
		{"648x648", "648x648", true},
		{"50", "", false},
		{"400x300", "", false},
		{"48x64", "", false},
		{"big", "", false},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseSize(%q) = %q, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestSizePixels(t *testing.T) {
	tests := map[Size]int{"48x48": 48, "648x648": 648, "240X240": 240, "400x300": 400, "": 0, "default": 0, "x": 0, "0x0": 0}
	for s, want := range tests {
		if got := s.Pixels(); got != want {
			t.Errorf("%q.Pixels() = %d, want %d", s, got, want)
		}
	}
}

func TestFallbackCandidates(t *testing.T) {
	upTo504 := HDSizes[:8]
	tests := []struct {
		want      Size
		available []Size
		got       Size
		ok        bool
	}{
		{"648x648", upTo504, "504x504", true},
		{"240x240", upTo504, "240x240", true},
		{"100x100", upTo504, "96x96", true},
		{SizeLargest, upTo504, "504x504", true},
		{"48x48", []Size{"648x648"}, "", false},
		{"648x648", []Size{"240X240", "default", "120x120"}, "240x240", true},
		{SizeLargest, []Size{"400x300"}, "400x300", true},
		{"48x48", nil, "", false},
	}
	for _, tt := range tests {
		got, ok := tt.want.FallbackCandidates(tt.available)
		if got != tt.got || ok != tt.ok {
			t.Errorf("%q.FallbackCandidates(%v) = %q, %v; want %q, %v", tt.want, tt.available, got, ok, tt.got, tt.ok)
		}
	}
}

// A size nobody stores is refused with the sizes listed as a person
// reads a list ("48x48, 64x64, …"), not as Go prints a slice
// ("[48x48 64x64 …]"), which reached the command line's usage errors.
func TestParseSizeRefusalListsTheSizesInWords(t *testing.T) {
	for _, in := range []string{"49x49", "HD", "0"} {
		_, err := ParseSize(in)
		if err == nil {
			t.Fatalf("ParseSize(%q) took it", in)
		}
		if msg := err.Error(); strings.ContainsAny(msg, "[]") || !strings.Contains(msg, "largest or one of 48x48, 64x64, 96x96, ") || !strings.HasSuffix(msg, ", 648x648") {
			t.Errorf("ParseSize(%q): %q", in, msg)
		}
	}
}
