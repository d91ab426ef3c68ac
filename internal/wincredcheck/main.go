package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/auth/keyringcache"
)

// dirs collects repeated -scan flags.
type dirs []string

func (d *dirs) String() string     { return strings.Join(*d, ",") }
func (d *dirs) Set(v string) error { *d = append(*d, v); return nil }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wincredcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	limit := fs.Int("max", keyringcache.DefaultChunkSize, "largest credential blob allowed, in bytes")
	var scan dirs
	fs.Var(&scan, "scan", "folder to search for token text (repeatable)")
	newer := fs.String("newer", "", "scan only files modified since this file was")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var since time.Time
	if *newer != "" {
		info, err := os.Stat(*newer)
		if err != nil {
			fmt.Fprintln(stderr, "wincredcheck: -newer:", err)
			return 2
		}
		since = info.ModTime()
	}
	if err := check(*limit, scan, since, stdout); err != nil {
		fmt.Fprintln(stderr, "wincredcheck: FAIL:", err)
		return 1
	}
	return 0
}

// check runs every check and reports what it saw on out.
func check(limit int, scan []string, since time.Time, out io.Writer) error {
	entries, err := listEntries(auth.KeyringService)
	if err != nil {
		return fmt.Errorf("list credentials: %w", err)
	}
	sum := summarize(entries, limit)
	fmt.Fprintf(out, "wincredcheck: %d %q credentials: %d index, %d chunks, largest %d bytes (limit %d)\n",
		len(entries), auth.KeyringService, sum.indexes, sum.chunks, sum.largest, limit)
	if err := sum.err(); err != nil {
		return err
	}

	// Each cache read back through the app's own store: proves the index
	// and its chunks form the whole cache, checksum and all.
	var all secrets
	for _, account := range sum.tokenAccounts {
		data, err := keyringcache.New(auth.KeyringService, account).Load(context.Background())
		if err != nil {
			return fmt.Errorf("load the token cache %q from Credential Manager: %w", account, err)
		}
		if data == nil {
			return fmt.Errorf("token cache %q: its index names no cache", account)
		}
		s, err := cacheSecrets(data)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "wincredcheck: token cache %q, %d bytes: %d access, %d refresh, %d id tokens\n",
			account, len(data), s.access, s.refresh, s.id)
		if s.access == 0 || s.refresh == 0 {
			return fmt.Errorf("token cache %q holds no access or no refresh token", account)
		}
		all.needles = append(all.needles, s.needles...)
	}

	for _, dir := range scan {
		res, err := scanDir(dir, since, all.needles)
		if err != nil {
			return fmt.Errorf("scan %s: %w", dir, err)
		}
		fmt.Fprintf(out, "wincredcheck: scanned %s: %d files, %d bytes\n", dir, res.files, res.bytes)
		if len(res.found) > 0 {
			return fmt.Errorf("token text found on disk in %s", strings.Join(res.found, ", "))
		}
	}
	return nil
}
