package widgets

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// EscapeCheckGroup is a row of check boxes in a dialog that hand Escape to
// OnEscape. Fyne's CheckGroup gives the focus to check boxes of its own,
// which swallow Escape, so a dialog whose boxes had been reached with Tab
// could not be cancelled with Escape; this group is made of EscapeChecks.
type EscapeCheckGroup struct {
	widget.DisableableWidget
	// Options are the boxes, left to right.
	Options []string
	// Selected are the options ticked, in the order of Options.
	Selected []string
	// OnEscape, when set, runs when Escape is pressed on one of the boxes.
	OnEscape func()

	checks []*EscapeCheck
	box    *fyne.Container
}

// NewEscapeCheckGroup is a row of a box per option, none ticked.
func NewEscapeCheckGroup(options []string) *EscapeCheckGroup {
	g := &EscapeCheckGroup{Options: options, box: container.NewHBox()}
	for _, o := range options {
		c := NewEscapeCheck(o, func(bool) { g.collect() })
		c.OnEscape = func() {
			if g.OnEscape != nil {
				g.OnEscape()
			}
		}
		g.checks = append(g.checks, c)
		g.box.Add(c)
	}
	g.ExtendBaseWidget(g)
	return g
}

// SetSelected ticks the options in selected and clears the others.
func (g *EscapeCheckGroup) SetSelected(selected []string) {
	for i, o := range g.Options {
		g.checks[i].SetChecked(slices.Contains(selected, o))
	}
	g.collect()
}

// PassEscape sets OnEscape.
func (g *EscapeCheckGroup) PassEscape(esc func()) { g.OnEscape = esc }

// Disable greys out every box.
func (g *EscapeCheckGroup) Disable() {
	g.DisableableWidget.Disable()
	for _, c := range g.checks {
		c.Disable()
	}
}

// Enable makes every box usable again.
func (g *EscapeCheckGroup) Enable() {
	g.DisableableWidget.Enable()
	for _, c := range g.checks {
		c.Enable()
	}
}

// collect keeps Selected in step with the boxes.
func (g *EscapeCheckGroup) collect() {
	var sel []string // new, so a slice handed out before is not changed under its holder
	for i, o := range g.Options {
		if g.checks[i].Checked {
			sel = append(sel, o)
		}
	}
	g.Selected = sel
}

// CreateRenderer lays the boxes out in a row.
func (g *EscapeCheckGroup) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(g.box)
}
