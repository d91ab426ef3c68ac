package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

// placement is where the target's window goes on the screen, in pixels.
type placement struct{ x, y, w, h int }

// dropOptions is how the target takes its one drop.
type dropOptions struct {
	dir  string // where the dropped file and picture go
	late bool   // take the data after Drop returned, as the shell does
	// until, if set, is a file whose existence lets the target exit after
	// the drop. Exiting at once can lose the answer to the source's Drop
	// call: COM sends it from another thread, which the exit may kill
	// first, and the source then reads the drop as failed.
	until   string
	timeout time.Duration
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("windroptarget", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var at placement
	fs.IntVar(&at.x, "x", 1200, "left edge of the window on the screen")
	fs.IntVar(&at.y, "y", 100, "top edge")
	fs.IntVar(&at.w, "w", 400, "width")
	fs.IntVar(&at.h, "h", 400, "height")
	out := fs.String("out", "", "folder the dropped file and picture are written to")
	timeout := fs.Duration("timeout", time.Minute, "how long to wait for a drop")
	late := fs.Bool("late", false, "take the drop's data after the drop, as the shell does")
	until := fs.String("until", "", "after the drop, stay until this file exists (the source has had the drop's answer)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: windroptarget [-x X -y Y -w W -h H] [-late] [-until FILE] -out DIR [-timeout 60s]")
		return 2
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(stderr, "windroptarget:", err)
		return 1
	}
	if err := waitForDrop(at, dropOptions{dir: *out, late: *late, until: *until, timeout: *timeout}, stdout); err != nil {
		fmt.Fprintln(stderr, "windroptarget:", err)
		return 1
	}
	return 0
}
