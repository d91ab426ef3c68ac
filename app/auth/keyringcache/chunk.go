package keyringcache

import (
	"bytes"
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// encode turns the blob into keyring-safe text: valid UTF-8 without NUL bytes
// (MSAL's JSON) is kept as is, anything else becomes base64.
func encode(data []byte) (text, encoding string) {
	if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		return string(data), encodingText
	}
	return base64.StdEncoding.EncodeToString(data), encodingBase64
}

// decode reverses encode.
func decode(text, encoding string) ([]byte, error) {
	if encoding == encodingText {
		return []byte(text), nil
	}
	data, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		return nil, corrupt("base64: %v", err)
	}
	return data, nil
}

// split cuts text into pieces of at most size bytes, never inside a UTF-8
// sequence, so each piece is itself valid text for keyrings that insist on
// it. size must be at least utf8.UTFMax.
func split(text string, size int) []string {
	var chunks []string
	for len(text) > size {
		cut := size
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		chunks = append(chunks, text[:cut])
		text = text[cut:]
	}
	if text != "" {
		chunks = append(chunks, text)
	}
	return chunks
}

// join is the inverse of split.
func join(chunks []string) string {
	return strings.Join(chunks, "")
}
