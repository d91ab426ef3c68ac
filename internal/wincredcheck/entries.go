package main

import (
	"fmt"
	"regexp"
	"strings"
)

// entry is one Credential Manager credential: go-keyring names it
// "service:user" and stores the secret's bytes as its blob.
type entry struct {
	target string
	size   int
}

// chunkSuffix is how keyringcache names a chunk of generation N
// ("<account>.g<N>.<i>"); the other entries are indexes.
var chunkSuffix = regexp.MustCompile(`\.g[0-9]+\.[0-9]+$`)

// summary counts the entries and remembers what breaks the rules.
type summary struct {
	indexes, chunks, largest int
	tooBig                   []string
	// tokenAccounts are the keyring accounts of token caches
	// ("tokens:<cloud>:<authority>:<tenant>:<client id>").
	tokenAccounts []string
}

func summarize(entries []entry, limit int) summary {
	var s summary
	for _, e := range entries {
		s.largest = max(s.largest, e.size)
		if e.size > limit {
			s.tooBig = append(s.tooBig, fmt.Sprintf("%s (%d bytes)", e.target, e.size))
		}
		if chunkSuffix.MatchString(e.target) {
			s.chunks++
			continue
		}
		s.indexes++
		if _, user, ok := strings.Cut(e.target, ":"); ok && strings.HasPrefix(user, "tokens:") {
			s.tokenAccounts = append(s.tokenAccounts, user)
		}
	}
	return s
}

// err says what is wrong with the entries: none holding tokens, one over
// the size limit, or a cache that was never split (the sandbox's cache is
// larger than one chunk, so a single entry would mean chunking is off).
func (s summary) err() error {
	switch {
	case len(s.tokenAccounts) == 0:
		return fmt.Errorf("no tokens:<…> index entry in Credential Manager")
	case len(s.tooBig) > 0:
		return fmt.Errorf("entries over the limit: %s", strings.Join(s.tooBig, ", "))
	case s.chunks < 2:
		return fmt.Errorf("the token cache is in %d chunk(s), want it split into several", s.chunks)
	}
	return nil
}
