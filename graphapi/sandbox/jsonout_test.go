package sandbox

import (
	"encoding/json"
	"testing"
)

// An ordered object writes what encoding/json would for the same values in
// the same order — nested objects, lists, raw JSON (compacted) and strings
// with <, > and & left alone — without going through a MarshalJSON.
func TestObjectMarshalsInOrder(t *testing.T) {
	o := object{
		{"@odata.context", "https://graph/$metadata#users"},
		{"value", []object{{{"id", "1"}, {"n", 2}}, {{"ok", true}}}},
		{"responses", []any{object{{"body", json.RawMessage(`{ "a" : [1, 2] }`)}}, nil, "a<b&c>", "é\"\\\n"}},
		{"empty", object{}},
		{"none", nil},
	}
	got, err := marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"@odata.context":"https://graph/$metadata#users","value":[{"id":"1","n":2},{"ok":true}],` +
		`"responses":[{"body":{"a":[1,2]}},null,"a<b&c>","é\"\\\n"],"empty":{},"none":null}`
	if string(got) != want {
		t.Fatalf("marshal =\n%s\nwant\n%s", got, want)
	}
	if _, err := marshal(object{{"body", json.RawMessage(`{"a":`)}}); err == nil {
		t.Fatal("invalid raw JSON was written")
	}
}
