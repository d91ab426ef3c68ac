//go:build windows

package main

import (
	"strings"

	"github.com/danieljoos/wincred"
)

// listEntries returns the credentials go-keyring wrote for service.
func listEntries(service string) ([]entry, error) {
	creds, err := wincred.List()
	if err != nil {
		return nil, err
	}
	var out []entry
	for _, c := range creds {
		if strings.HasPrefix(c.TargetName, service+":") {
			out = append(out, entry{target: c.TargetName, size: len(c.CredentialBlob)})
		}
	}
	return out, nil
}
