package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

// secrets are the token texts of an MSAL cache: what must never be found
// in a file.
type secrets struct {
	access, refresh, id int
	needles             []string
}

// minNeedle keeps a short, common string from counting as a token.
const minNeedle = 16

// cacheSecrets reads MSAL's token cache JSON: sections of credentials keyed
// by cache key, each with a "secret". A JWT's signature is a needle of its
// own too, so a token stored re-wrapped (one part of it) is still found.
func cacheSecrets(data []byte) (secrets, error) {
	var cache map[string]map[string]struct {
		Secret string `json:"secret"`
	}
	if err := json.Unmarshal(data, &cache); err != nil {
		return secrets{}, fmt.Errorf("token cache is not MSAL's JSON: %w", err)
	}
	var s secrets
	add := func(section string, n *int) {
		for _, c := range cache[section] {
			if len(c.Secret) < minNeedle {
				continue
			}
			*n++
			s.needles = append(s.needles, c.Secret)
			if parts := strings.Split(c.Secret, "."); len(parts) == 3 && len(parts[2]) >= minNeedle {
				s.needles = append(s.needles, parts[2])
			}
		}
	}
	add("AccessToken", &s.access)
	add("RefreshToken", &s.refresh)
	add("IdToken", &s.id)
	return s, nil
}
