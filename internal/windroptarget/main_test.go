package main

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

// The drop itself is tested under Wine (scripts/wine-drag.sh); here, that
// a bad command line is a usage error and no drop is ever claimed off
// Windows.
func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"-out"}, {"-out", t.TempDir(), "extra"}, {"-x", "left", "-out", t.TempDir()}} {
		var stdout, stderr bytes.Buffer
		if got := run(args, &stdout, &stderr); got != 2 {
			t.Errorf("run(%q) = %d, want 2 (stderr %q)", args, got, stderr.String())
		}
	}
}

func TestRunOffWindowsSaysSo(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("on Windows the target opens its window")
	}
	var stdout, stderr bytes.Buffer
	if got := run([]string{"-out", t.TempDir()}, &stdout, &stderr); got != 1 {
		t.Fatalf("run = %d, want 1", got)
	}
	if !strings.Contains(stderr.String(), "Windows") || strings.Contains(stdout.String(), "dropped") {
		t.Errorf("stdout %q, stderr %q: want only a word that it needs Windows", stdout.String(), stderr.String())
	}
}
