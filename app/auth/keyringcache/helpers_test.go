package keyringcache

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// fakeCache builds MSAL-shaped JSON of at least size bytes, different for
// each seed, so round trips compare real content rather than a constant.
func fakeCache(size int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	token := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	var buf bytes.Buffer
	buf.WriteString(`{"AccessToken":{`)
	for i := 0; buf.Len() < size; i++ {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `"uid.utid-login.example-accesstoken-%d":{"secret":%q,"expires_on":"%d"}`,
			i, token(96), 1700000000+r.IntN(1e6))
	}
	buf.WriteString(`}}`)
	return buf.Bytes()
}

// testAccount is the cache name the tests store under.
const testAccount = "msal-cache"

// chunkUsers lists the entry names a cache of count chunks in generation
// gen occupies, index first, in the order memKeyring.users sorts them.
func chunkUsers(gen, count int) []string {
	users := []string{testAccount}
	for i := range count {
		users = append(users, chunkName(testAccount, gen, i))
	}
	slices.Sort(users)
	return users
}

// chunksFor is how many chunks Save should write for data.
func chunksFor(data []byte, size int) int {
	text, _ := encode(data)
	return (len(text) + size - 1) / size
}

func mustSave(t *testing.T, s *Store, data []byte) {
	t.Helper()
	if err := s.Save(t.Context(), data); err != nil {
		t.Fatalf("Save: %v", err)
	}
}

func mustLoad(t *testing.T, s *Store) []byte {
	t.Helper()
	data, err := s.Load(t.Context())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return data
}
