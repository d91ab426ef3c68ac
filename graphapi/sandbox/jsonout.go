package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
)

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
	buf.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := marshal(f.key)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		v, err := marshal(f.val)
		if err != nil {
			return nil, fmt.Errorf("property %s: %w", f.key, err)
		}
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// marshal encodes v like encoding/json but leaves <, > and & alone.
func marshal(v any) ([]byte, error) {
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
