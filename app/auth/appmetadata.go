package auth

import (
	"encoding/json"
	"strings"
)

// pruneAppMetadata drops from a serialized MSAL cache the app metadata of
// every authority host no token or account is left at. MSAL writes a
// record per host it signed in at and never removes one (RemoveAccount
// leaves it), and the sandbox is at a new port on every run, so without
// this the keyring entry grows by a record on every sandbox run. A host
// with anything left keeps its record (it holds the app's family id). A
// cache this cannot read is returned as it was.
func pruneAppMetadata(data []byte) []byte {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil || len(top["AppMetadata"]) == 0 {
		return data
	}
	used := map[string]bool{}
	for _, kind := range []string{"AccessToken", "RefreshToken", "IdToken", "Account"} {
		var items map[string]struct {
			Environment string `json:"environment"`
		}
		if err := json.Unmarshal(top[kind], &items); len(top[kind]) > 0 && err != nil {
			return data
		}
		for _, it := range items {
			used[strings.ToLower(it.Environment)] = true
		}
	}
	var meta map[string]json.RawMessage
	if err := json.Unmarshal(top["AppMetadata"], &meta); err != nil {
		return data
	}
	pruned := false
	for key, raw := range meta {
		var m struct {
			Environment string `json:"environment"`
		}
		if err := json.Unmarshal(raw, &m); err != nil {
			return data
		}
		if !used[strings.ToLower(m.Environment)] {
			delete(meta, key)
			pruned = true
		}
	}
	if !pruned {
		return data
	}
	if len(meta) == 0 {
		delete(top, "AppMetadata")
	} else {
		b, err := json.Marshal(meta)
		if err != nil {
			return data
		}
		top["AppMetadata"] = b
	}
	out, err := json.Marshal(top)
	if err != nil {
		return data
	}
	return out
}
