package diskcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Key names one cached photo: a subject's photo at one requested size in
// one tenant of one cloud. Callers pick stable strings (a subject's Graph
// path, a size's name); a key never names an account, so people must only
// be cached under keys whose answer does not depend on who asks.
type Key struct {
	Cloud   string // e.g. "sandbox" or the authority host
	Tenant  string // the directory (tenant) id
	Subject string // e.g. "/users/adele@contoso.com"
	Size    string // the size asked for, e.g. "48x48" or "largest"
	// Run names one process's copy of a tenant made afresh every run (the
	// sandbox's, whose id is the same in every run and in two windows at
	// once): no other run reads it, while DropTenant of the tenant still
	// clears every run's. Empty for a real tenant, which is one and the
	// same for every process.
	Run string `json:",omitempty"`
}

// Meta is the photo metadata Graph sent (profilePhoto), as far as the
// window shows it.
type Meta struct {
	ID          string `json:"id"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	ContentType string `json:"contentType"`
	ETag        string `json:"etag"`
}

// Entry is what one photo request learned. Bytes is shared with the
// cache's caller once returned: do not modify it.
type Entry struct {
	Served      string    `json:"served"` // the size the bytes are at, after any fallback
	NoPhoto     bool      `json:"noPhoto"`
	Reason      string    `json:"reason,omitempty"` // why there is no photo, in the app's words
	ContentType string    `json:"contentType,omitempty"`
	ETag        string    `json:"etag,omitempty"` // what to revalidate against
	Meta        *Meta     `json:"meta,omitempty"`
	RequestID   string    `json:"requestId,omitempty"` // of the answer, for support tickets
	URL         string    `json:"url,omitempty"`       // of that request (no query secrets: photo URLs carry none)
	Fetched     time.Time `json:"fetched"`             // when Graph last confirmed it
	Bytes       []byte    `json:"-"`
}

// header is an entry file's JSON header: the entry, its key (so a file
// can never answer for another key) and a checksum of the bytes.
type header struct {
	Key   Key    `json:"key"`
	Entry Entry  `json:"entry"`
	Len   int    `json:"len"`
	Sum   string `json:"sha256"`
}

// magic starts every entry file; a new layout gets a new magic, and old
// files are then corrupt and dropped.
const magic = "PDPHOTO1"

// maxHeader bounds a header, so a damaged length cannot make a read
// allocate gigabytes.
const maxHeader = 64 << 10

// errCorrupt marks a file that is not a whole, matching entry.
var errCorrupt = errors.New("corrupt cache entry")

// encode lays an entry out as magic, header length, header, bytes.
func encode(k Key, e *Entry) ([]byte, error) {
	sum := sha256.Sum256(e.Bytes)
	h, err := json.Marshal(header{Key: k, Entry: *e, Len: len(e.Bytes), Sum: hex.EncodeToString(sum[:])})
	if err != nil {
		return nil, fmt.Errorf("encode cache entry: %w", err)
	}
	var b bytes.Buffer
	b.Grow(len(magic) + 4 + len(h) + len(e.Bytes))
	b.WriteString(magic)
	_ = binary.Write(&b, binary.BigEndian, uint32(len(h)))
	b.Write(h)
	b.Write(e.Bytes)
	return b.Bytes(), nil
}

// decode checks and parses an entry file for k.
func decode(k Key, data []byte) (*Entry, error) {
	if len(data) < len(magic)+4 || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: bad magic", errCorrupt)
	}
	n := binary.BigEndian.Uint32(data[len(magic):])
	rest := data[len(magic)+4:]
	if n > maxHeader || int(n) > len(rest) {
		return nil, fmt.Errorf("%w: bad header length", errCorrupt)
	}
	var h header
	if err := json.Unmarshal(rest[:n], &h); err != nil {
		return nil, fmt.Errorf("%w: %w", errCorrupt, err)
	}
	body := rest[n:]
	sum := sha256.Sum256(body)
	switch {
	case h.Key != k:
		return nil, fmt.Errorf("%w: written for another key", errCorrupt)
	case h.Len != len(body) || h.Sum != hex.EncodeToString(sum[:]):
		return nil, fmt.Errorf("%w: bytes do not match their checksum", errCorrupt)
	}
	e := h.Entry
	e.Bytes = body
	return &e, nil
}
