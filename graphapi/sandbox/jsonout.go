package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// encoded is a value already encoded as JSON, written as is.
type encoded []byte

// MarshalJSON returns e, for encoding/json to write as appendValue does.
func (e encoded) MarshalJSON() ([]byte, error) { return e, nil }

// base64Body is bytes written as a base64 string (standard alphabet, as
// Graph sends a $batch item's binary body), without an intermediate copy.
type base64Body []byte

// MarshalJSON writes b as appendValue does, for encoding/json.
func (b base64Body) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	err := appendValue(&buf, b)
	return buf.Bytes(), err
}

// field is one property of an ordered JSON object.
type field struct {
	key string
	val any
}

// object is a JSON object that keeps its property order, so answers list
// "@odata.context" first and properties in Graph's order, byte for byte the
// same on every run.
type object []field

// MarshalJSON writes the properties in order, without HTML escaping (Graph
// writes "&" in nextLinks as is).
func (o object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	if err := o.appendTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// appendTo writes o to buf. Objects, lists and raw JSON inside it are
// written directly rather than through encoding/json, which re-validates
// and compacts whatever a MarshalJSON returns: a $batch answer of 20
// photos (2 MB of base64) was scanned four times over, about 9 ms an
// envelope that every client would take for the server's time.
func (o object) appendTo(buf *bytes.Buffer) error {
	buf.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := appendValue(buf, f.key); err != nil {
			return err
		}
		buf.WriteByte(':')
		if err := appendValue(buf, f.val); err != nil {
			return fmt.Errorf("property %s: %w", f.key, err)
		}
	}
	buf.WriteByte('}')
	return nil
}

// appendValue writes v to buf as marshal would.
func appendValue(buf *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case object:
		return v.appendTo(buf)
	case []any:
		return appendList(buf, v, func(e any) error { return appendValue(buf, e) })
	case []object:
		return appendList(buf, v, func(e object) error { return e.appendTo(buf) })
	case string:
		if plain(v) {
			buf.WriteByte('"')
			buf.WriteString(v)
			buf.WriteByte('"')
			return nil
		}
	case encoded:
		buf.Write(v)
		return nil
	case base64Body:
		if v == nil {
			buf.WriteString("null")
			return nil
		}
		buf.WriteByte('"')
		buf.Grow(base64.StdEncoding.EncodedLen(len(v)))
		buf.Write(base64.StdEncoding.AppendEncode(buf.AvailableBuffer(), v))
		buf.WriteByte('"')
		return nil
	case json.RawMessage:
		if v == nil {
			buf.WriteString("null")
			return nil
		}
		return json.Compact(buf, v) // which writes nothing of invalid JSON
	}
	b, err := marshal(v)
	if err != nil {
		return err
	}
	buf.Write(b)
	return nil
}

// appendList writes items as a JSON array, or null for a nil list as
// encoding/json does.
func appendList[T any](buf *bytes.Buffer, items []T, write func(T) error) error {
	if items == nil {
		buf.WriteString("null")
		return nil
	}
	buf.WriteByte('[')
	for i, e := range items {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := write(e); err != nil {
			return err
		}
	}
	buf.WriteByte(']')
	return nil
}

// plain reports whether s needs no escaping in a JSON string: printable
// ASCII without quotes or backslashes, as most ids, paths and dates are.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// marshal encodes v like encoding/json but leaves <, > and & alone.
func marshal(v any) ([]byte, error) {
	if o, ok := v.(object); ok {
		return o.MarshalJSON()
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// nullable turns an empty string into JSON null, as Graph reports unset
// properties.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
