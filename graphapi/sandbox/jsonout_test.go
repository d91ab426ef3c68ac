package sandbox

import (
	"bytes"
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
	// Through encoding/json (inside a map), the same as written directly.
	if got, err := marshal(map[string]any{"v": encoded(`{"a":1}`), "b": base64Body{1, 2}}); err != nil || string(got) != `{"b":"AQI=","v":{"a":1}}` {
		t.Errorf("in a map: %s %v", got, err)
	}
	if _, err := marshal(object{{"body", json.RawMessage(`{"a":`)}}); err == nil {
		t.Fatal("invalid raw JSON was written")
	}
}

// Value by value, an ordered object writes exactly what encoding/json
// writes (without HTML escaping) for the same property: the direct path
// for strings, lists and raw JSON included, and the odd cases — U+2028,
// invalid UTF-8, control characters, nil lists and raw JSON, photo bytes
// written as base64 and JSON encoded beforehand.
func TestObjectMatchesEncodingJSON(t *testing.T) {
	for _, v := range []any{
		"plain", "a<b&c>", "line\u2028sep\u2029", "tab\tnew\nline\x01", "\xff bad", "é ✓", "quote\" back\\",
		42, 1e21, 1.5, -0.25, true, nil,
		[]any(nil),
		[]any{},
		[]any{1, "x", nil},
		[]object(nil),
		[]string{"a"},
		map[string]int{"a": 1},
		json.RawMessage(` { "a" : [1, 2] } `), json.RawMessage(nil),
		base64Body{0, 1, 0xfb, 0xfc, 0xff, 'x'},
		base64Body{},
		base64Body(nil),
		encoded(`{"a":[1,2]}`),
	} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		var ref any = v
		if o, ok := v.([]object); ok && o == nil {
			ref = []any(nil) // encoding/json writes any nil slice as null
		}
		switch v := v.(type) { // the plain types encoding/json knows
		case encoded:
			ref = json.RawMessage(v)
		case base64Body:
			ref = []byte(v)
		}
		if err := enc.Encode(map[string]any{"v": ref}); err != nil {
			t.Fatal(err)
		}
		got, err := marshal(object{{"v", v}})
		if err != nil {
			t.Errorf("%#v: %v", v, err)
			continue
		}
		if w := bytes.TrimRight(want.Bytes(), "\n"); !bytes.Equal(got, w) {
			t.Errorf("%#v:\n got %s\nwant %s", v, got, w)
		}
	}
}
