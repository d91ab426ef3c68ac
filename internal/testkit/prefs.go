package testkit

import "sync"

// Prefs is an app.Preferences in memory, as Fyne's test app would give,
// safe for concurrent use.
type Prefs struct {
	mu sync.Mutex
	m  map[string]any
}

// NewPrefs is Prefs holding values.
func NewPrefs(values map[string]any) *Prefs {
	p := &Prefs{m: map[string]any{}}
	for k, v := range values {
		p.m[k] = v
	}
	return p
}

func (p *Prefs) get(k string) any {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.m[k]
}

func (p *Prefs) set(k string, v any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.m == nil {
		p.m = map[string]any{}
	}
	p.m[k] = v
}

// String is the string at k, "" if none.
func (p *Prefs) String(k string) string { s, _ := p.get(k).(string); return s }

// SetString sets the string at k.
func (p *Prefs) SetString(k, v string) { p.set(k, v) }

// Float is the float at k, 0 if none.
func (p *Prefs) Float(k string) float64 { f, _ := p.get(k).(float64); return f }

// SetFloat sets the float at k.
func (p *Prefs) SetFloat(k string, v float64) { p.set(k, v) }

// Bool is the bool at k, false if none.
func (p *Prefs) Bool(k string) bool { b, _ := p.get(k).(bool); return b }

// SetBool sets the bool at k.
func (p *Prefs) SetBool(k string, v bool) { p.set(k, v) }

// Int is the int at k, 0 if none.
func (p *Prefs) Int(k string) int { i, _ := p.get(k).(int); return i }

// SetInt sets the int at k.
func (p *Prefs) SetInt(k string, v int) { p.set(k, v) }
