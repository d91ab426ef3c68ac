package graphapi

import (
	"crypto/rand"
	"fmt"
)

// newGUID makes a random (version 4) GUID for client-request-id, the id
// Microsoft support asks for when a request needs tracing on their side.
func newGUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
