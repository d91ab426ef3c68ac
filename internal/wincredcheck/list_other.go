//go:build !windows

package main

import "errors"

// listEntries needs the Windows Credential Manager.
func listEntries(string) ([]entry, error) {
	return nil, errors.New("wincredcheck runs on Windows (or under Wine) only")
}
