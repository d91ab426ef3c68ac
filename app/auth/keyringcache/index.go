package keyringcache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// maxChunks bounds how many chunks an index may claim (and how far a sweep
// for leftovers looks), so a damaged index cannot make Load or Clear loop
// through millions of keyring calls. With 2,000-byte chunks it allows 16 MB,
// far beyond any MSAL cache.
const maxChunks = 8192

// Encodings of the chunked text: MSAL's cache is JSON and is stored as is;
// anything else is base64 so every keyring secret stays printable text.
const (
	encodingText   = "text"
	encodingBase64 = "base64"
)

// index is the entry stored under the account name itself. It is written
// last, so it always names a generation whose chunks are complete.
type index struct {
	Generation int    `json:"generation"`
	Count      int    `json:"count"`
	SHA256     string `json:"sha256"`
	Length     int    `json:"length"`
	Encoding   string `json:"encoding"`
}

// chunkName is the keyring user name of chunk i of a generation.
func chunkName(account string, generation, i int) string {
	return fmt.Sprintf("%s.g%d.%d", account, generation, i)
}

// digest is the hex SHA-256 the index records for a blob.
func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// parseIndex decodes and sanity-checks an index entry; anything odd is
// ErrCorrupt.
func parseIndex(raw string) (index, error) {
	var idx index
	if err := json.Unmarshal([]byte(raw), &idx); err != nil {
		return index{}, corrupt("index: %v", err)
	}
	switch {
	case idx.Generation < 1:
		return index{}, corrupt("index: generation %d", idx.Generation)
	case idx.Count < 0 || idx.Count > maxChunks:
		return index{}, corrupt("index: %d chunks", idx.Count)
	case idx.Length < 0:
		return index{}, corrupt("index: length %d", idx.Length)
	case idx.Encoding != encodingText && idx.Encoding != encodingBase64:
		return index{}, corrupt("index: encoding %q", idx.Encoding)
	}
	if sum, err := hex.DecodeString(idx.SHA256); err != nil || len(sum) != sha256.Size {
		return index{}, corrupt("index: sha256 %q", idx.SHA256)
	}
	return idx, nil
}

// parseLocation reads just where an index's chunks are, for cleanup: an
// index failing parseIndex (bad checksum, say) still names chunks to remove.
func parseLocation(raw string) (index, bool) {
	var idx index
	if err := json.Unmarshal([]byte(raw), &idx); err != nil {
		return index{}, false
	}
	return idx, idx.Generation >= 1 && idx.Count >= 0 && idx.Count <= maxChunks
}

// marshal renders the index as the secret text to store.
func (idx index) marshal() string {
	b, err := json.Marshal(idx)
	if err != nil {
		// A struct of ints and strings always marshals.
		panic(fmt.Sprintf("keyringcache: marshal index: %v", err))
	}
	return string(b)
}
