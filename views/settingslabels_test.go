package views

import (
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// TestSettingsLabelsFollowTheFieldsEnabled switches Settings from the
// sandbox to Microsoft 365, and Sign in as to an application: the labels of
// the fields that can now be typed in must stop looking disabled (in the
// window Tenant, Client id and Authority stayed grey, as if they could not
// be used), and those disabled again must look it.
func TestSettingsLabelsFollowTheFieldsEnabled(t *testing.T) {
	a := test.NewTempApp(t)
	f := newSettingsForm(a.Preferences())
	form := f.form()
	test.NewTempWindow(t, form)
	// The labels as drawn, collected once: laying the form out again
	// would refresh them and hide what the window shows.
	labels := map[string]*canvas.Text{}
	for _, o := range test.LaidOutObjects(form) {
		if l, ok := o.(*canvas.Text); ok {
			labels[l.Text] = l
		}
	}
	looksEnabled := func(name string) bool {
		t.Helper()
		l, ok := labels[name]
		if !ok {
			t.Fatalf("no label %q", name)
		}
		return l.Color == labels["Cloud"].Color
	}

	if looksEnabled("Tenant") {
		t.Fatal("on the sandbox, Tenant's label does not look disabled")
	}
	f.cloud.SetSelected(clouds[1].label)
	for _, name := range []string{"Tenant", "Client id", "Authority"} {
		if !looksEnabled(name) {
			t.Errorf("Microsoft 365 picked: %s's label still looks disabled", name)
		}
	}
	f.authMode.SetSelected(authModes[1].label)
	if !looksEnabled("Client secret") {
		t.Error("an application with a secret picked: Client secret's label still looks disabled")
	}
	f.authMode.SetSelected(authModes[2].label)
	if looksEnabled("Client secret") || !looksEnabled("Certificate") {
		t.Error("an application with a certificate picked: the labels of Client secret and Certificate do not follow")
	}
	f.cloud.SetSelected(clouds[0].label)
	if looksEnabled("Tenant") {
		t.Error("back on the sandbox: Tenant's label looks enabled")
	}
}
