package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/term"
)

// Exit codes of every subcommand.
const (
	ExitOK      = 0 // done
	ExitFailure = 1 // any other error, or a change the person declined
	ExitUsage   = 2 // bad flags or arguments
	ExitNoPhoto = 3 // get: the subject has no photo
)

// env is what a subcommand may touch of the outside world, so tests can
// run it in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// lookupenv tells a variable set empty from one not set; nil (tests
	// that build an env) takes an empty value for not set.
	lookupenv func(string) (string, bool)
	// bareToken is set once a command talks to Graph with the token in
	// $PHOTODESK_ACCESS_TOKEN: a 401 then means a new token, not a sign-in.
	bareToken bool
	// noToken is set when requests go with no token at all (the variable
	// empty or not set, which was said once already): a 401 then asks for
	// one, not a new one.
	noToken bool
	// appOnly is set once a command talks to Graph as an application (the
	// window's application sign-in, or an application's token): messages
	// are then worded for it, as the window words them (app.FriendlyForApp).
	appOnly bool
	// terminal, when set, stands in for a terminal on stdin and stderr, so
	// tests can answer remove's question; nil means look at stdin.
	terminal io.Reader
	// stdoutTerminal, when set, stands in for a terminal on stdout, so
	// tests can see get -o - refuse one.
	stdoutTerminal bool
	// stopSignal names the signal that stopped the command ("SIGTERM"),
	// "" for Ctrl+C or none; nil (tests that cancel themselves) is "".
	stopSignal func() string
}

// isSet reports whether the variable name is set, empty or not.
func (e *env) isSet(name string) bool {
	if e.lookupenv == nil {
		return e.getenv(name) != ""
	}
	_, ok := e.lookupenv(name)
	return ok
}

// stdoutIsTerminal reports whether stdout is a terminal (or stands in for one).
func (e *env) stdoutIsTerminal() bool { return e.stdoutTerminal || isTerminal(e.stdout) }

// isTerminal reports whether w is a terminal, which decides between a
// redrawn progress bar and plain lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

type command struct {
	run     func(ctx context.Context, e *env, args []string) int
	summary string
}

var commands = map[string]command{
	"get":     {runGet, "fetch one photo (or its metadata)"},
	"export":  {runExport, "export or audit the photos of a group, a list or everyone"},
	"sandbox": {runSandbox, "serve the offline sandbox tenant"},
	"set":     {runSet, "change a photo (the current one is backed up first)"},
	"remove":  {runRemove, "remove a photo (backed up first)"},
	"undo":    {runUndo, "undo the last change"},
	"import":  {runImport, "put a folder of photos onto the people they are named after"},
	"version": {runVersion, "print the version and build (also --version)"},
}

// IsCommand reports whether name is a subcommand, so main.go knows to run
// the command line instead of opening the window.
func IsCommand(name string) bool {
	_, ok := commands[name]
	return ok
}

// Run runs a subcommand ("get", "export", "sandbox", "version") with its
// arguments (args[0] is the subcommand) and returns the exit code. Ctrl+C or
// SIGTERM cancels ctx, which export and sandbox treat as "stop cleanly".
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := stopOnSignal(ctx, stderr)
	defer stop()
	return run(ctx, args, &env{
		stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, lookupenv: os.LookupEnv,
		stopSignal: func() string { return signalName(context.Cause(ctx)) },
	})
}

// sameSignalWindow is how soon after the first signal another one is taken
// for the same signal delivered twice, not a second Ctrl+C. coreutils'
// timeout (without --foreground) sends its signal to the command and then
// to the process group the command is in, microseconds apart; a second
// Ctrl+C then quit at once, without the orderly stop the first one began.
// A person's second Ctrl+C, pressed because the stop takes too long, comes
// long after a quarter of a second.
const sameSignalWindow = 250 * time.Millisecond

// stopOnSignal is ctx cancelled by the first Ctrl+C or SIGTERM, so the
// command stops cleanly — an import lets its uploads on their way finish,
// an undo its undos. That wait can be long (a throttled Graph, a hung
// connection), so once sameSignalWindow has passed the signals go back to
// the system, as the first signal says: a second Ctrl+C ends the process
// at once, as in any other command-line tool.
func stopOnSignal(ctx context.Context, stderr io.Writer) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			if sig == os.Interrupt {
				fmt.Fprintln(stderr, "photodesk: stopping (Ctrl+C again quits at once)")
			} else {
				fmt.Fprintln(stderr, "photodesk: stopping on SIGTERM (another signal quits at once)")
			}
			cancel(stoppedBySignal{sig})
			swallowEchoes(signals, done)
			signal.Stop(signals)
		case <-done:
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			signal.Stop(signals)
			close(done)
			cancel(nil)
		})
	}
}

// swallowEchoes takes the signals that come within sameSignalWindow of the
// first (its echoes, see sameSignalWindow) and drops them, until the window
// ends or the command does (done).
func swallowEchoes(signals <-chan os.Signal, done <-chan struct{}) {
	window := time.NewTimer(sameSignalWindow)
	defer window.Stop()
	for {
		select {
		case <-signals:
		case <-window.C:
			return
		case <-done:
			return
		}
	}
}

// stoppedBySignal is the cause of a command's context ended by a signal,
// so its messages can say which: a service manager's or timeout's SIGTERM
// was said as "Ctrl+C".
type stoppedBySignal struct{ sig os.Signal }

func (s stoppedBySignal) Error() string { return "stopped by " + signalName(s) }

// signalName is "SIGTERM" for a cause that is a signal other than Ctrl+C's,
// and "" for Ctrl+C's or any other cause.
func signalName(cause error) string {
	var s stoppedBySignal
	if !errors.As(cause, &s) || s.sig == os.Interrupt {
		return ""
	}
	if s.sig == syscall.SIGTERM {
		return "SIGTERM"
	}
	return s.sig.String()
}

// run is Run without the signal handling, for in-process tests.
func run(ctx context.Context, args []string, e *env) int {
	if len(args) > 0 && isHelp(args[0]) {
		if len(args) > 1 {
			// "photodesk help get" is get's help, as in go and git; the
			// command named was ignored and the list printed instead.
			if !IsCommand(args[1]) {
				fmt.Fprintf(e.stderr, "photodesk: unknown command %q\n", args[1])
				fmt.Fprint(e.stderr, topUsage())
				return ExitUsage
			}
			return commands[args[1]].run(ctx, e, []string{"-h"})
		}
		fmt.Fprint(e.stdout, topUsage())
		return ExitOK
	}
	if len(args) > 0 && isVersion(args[0]) {
		return runVersion(ctx, e, args[1:])
	}
	if len(args) == 0 || !IsCommand(args[0]) {
		if len(args) > 0 {
			fmt.Fprintf(e.stderr, "photodesk: unknown command %q\n", args[0])
		}
		fmt.Fprint(e.stderr, topUsage())
		return ExitUsage
	}
	return commands[args[0]].run(ctx, e, args[1:])
}

// isHelp reports whether arg asks for the list of commands.
func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}

func topUsage() string {
	var b strings.Builder
	b.WriteString("usage: photodesk [command] [flags]\n\nWithout a command, photodesk opens the window. Commands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "  %-8s %s\n", n, commands[n].summary)
	}
	b.WriteString("\nRun photodesk COMMAND -h (or photodesk help COMMAND) for its flags.\n")
	return b.String()
}

// usageError is a mistake on the command line: exit code 2.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

func isUsage(err error) bool {
	var u *usageError
	return errors.As(err, &u)
}
