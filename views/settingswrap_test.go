package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/internal/testkit"
)

// A long reason under a Settings field is shown whole, in lines inside
// the dialog: a pasted address of a host other than a sign-in host's, for
// a tenant, is quoted back with what Tenant takes, and Fyne's
// form hint, one line of text, ran off the dialog's right edge. The hint
// comes back once the field is right, and Escape in the field still
// cancels.
func TestSettingsLongReasonWraps(t *testing.T) {
	test.NewTempApp(t)
	const pasted = "https://portal.example.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize"
	prefs := testkit.NewPrefs(map[string]any{app.PrefCloud: app.CloudM365, app.PrefTenant: pasted})
	w := test.NewTempWindow(t, widget.NewLabel("behind"))
	w.Resize(fyne.NewSize(defaultWidth, defaultHeight))
	f := newSettingsForm(prefs)
	showSettingsDialog(f, w, nil)

	_, err := session.Tenant(pasted)
	reason := err.Error()
	if got := drawnUnder(t, w, reason, theme.ColorNameError); got != strings.ReplaceAll(reason, " ", "") {
		t.Errorf("the tenant's reason drawn as %q, want %q whole", got, reason)
	}
	f.tenant.SetText("contoso.onmicrosoft.com")
	const hint = "Microsoft 365 only: the tenant ID (a GUID) or a domain, e.g. contoso.onmicrosoft.com."
	if got := drawnUnder(t, w, hint, theme.ColorNamePlaceHolder); got != strings.ReplaceAll(hint, " ", "") {
		t.Errorf("a right tenant's note drawn as %q, want its hint", got)
	}
	// The field keeps what the form gave it: Escape there cancels.
	w.Canvas().Focus(f.tenant)
	f.tenant.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Overlays().Top() != nil {
		t.Error("Escape in the tenant field left Settings open")
	}
}

// drawnUnder is the text of the lines drawn in color that are part of want
// (its spaces left out, as a wrap leaves them), failing the test for a
// line that runs past the right edge of the scrolled settings.
func drawnUnder(t *testing.T, w fyne.Window, want string, color fyne.ThemeColorName) string {
	t.Helper()
	c := theme.Current().Color(color, fyne.CurrentApp().Settings().ThemeVariant())
	edge := float32(-1)
	type line struct {
		text  *canvas.Text
		right float32
	}
	var lines []line
	drawnAt(w.Canvas().Overlays().Top(), fyne.Position{}, func(o fyne.CanvasObject, at fyne.Position) {
		switch o := o.(type) {
		case *container.Scroll:
			if _, ok := o.Content.(*widget.Form); ok {
				edge = at.X + o.Size().Width
			}
		case *canvas.Text:
			if text := strings.TrimSpace(o.Text); text != "" && o.Visible() && o.Color == c && strings.Contains(want, text) {
				lines = append(lines, line{o, at.X + o.MinSize().Width})
			}
		}
	})
	if edge < 0 {
		t.Fatal("no scrolled Settings form")
	}
	var got strings.Builder
	for _, l := range lines {
		if l.right > edge+0.5 {
			t.Errorf("%q ends at x=%v, past the settings' edge at %v", l.text.Text, l.right, edge)
		}
		got.WriteString(strings.ReplaceAll(l.text.Text, " ", ""))
	}
	return got.String()
}

// drawnAt calls f with o and everything drawn inside it, each with where
// it is in the window: positions are relative to the parent, and the test
// driver does not place an object of no size (Fyne's form hint is one).
func drawnAt(o fyne.CanvasObject, parent fyne.Position, f func(fyne.CanvasObject, fyne.Position)) {
	at := parent.Add(o.Position())
	f(o, at)
	var inside []fyne.CanvasObject
	switch o := o.(type) {
	case *fyne.Container:
		inside = o.Objects
	case fyne.Widget:
		inside = test.WidgetRenderer(o).Objects()
	}
	for _, c := range inside {
		drawnAt(c, at, f)
	}
}
