package views

import (
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// Cloud choices as shown, and the preference values they stand for.
var clouds = []struct{ label, value string }{
	{"Sandbox tenant (offline demo)", "sandbox"},
	{"Microsoft 365", "m365"},
}

// settingsForm edits the app.Pref* keys. Connection settings (cloud,
// tenant, client id, authority, API version) take effect at the next start;
// sign-in and account switching will hang off this same dialog once package
// app/auth is wired in.
type settingsForm struct {
	prefs      app.Preferences
	cloud      *widget.Select
	tenant     *widget.Entry
	clientID   *widget.Entry
	authority  *widget.Entry
	apiVersion *widget.Select
	size       *widget.Select
	dropAll    *widget.Check
}

func newSettingsForm(prefs app.Preferences) *settingsForm {
	f := &settingsForm{
		prefs:      prefs,
		cloud:      widget.NewSelect(nil, nil),
		tenant:     widget.NewEntry(),
		clientID:   widget.NewEntry(),
		authority:  widget.NewEntry(),
		apiVersion: widget.NewSelect([]string{"v1.0", "beta"}, nil),
		size:       widget.NewSelect(sizeOptions(nil), nil),
		dropAll:    widget.NewCheck("Dropping a folder saves every size", nil),
	}
	for _, c := range clouds {
		f.cloud.Options = append(f.cloud.Options, c.label)
		if c.value == prefs.String(app.PrefCloud) {
			f.cloud.Selected = c.label
		}
	}
	if f.cloud.Selected == "" {
		f.cloud.Selected = clouds[0].label
	}
	f.tenant.SetText(prefs.String(app.PrefTenant))
	f.tenant.SetPlaceHolder("contoso.onmicrosoft.com or tenant id")
	f.clientID.SetText(prefs.String(app.PrefClientID))
	f.clientID.SetPlaceHolder("application (client) id")
	f.authority.SetText(prefs.String(app.PrefAuthority))
	f.authority.SetPlaceHolder("https://login.microsoftonline.com/<tenant>")
	f.apiVersion.SetSelected(orDefault(prefs.String(app.PrefAPIVersion), "v1.0"))
	size, err := graphapi.ParseSize(prefs.String(app.PrefDefaultSize))
	if err != nil {
		size = graphapi.SizeLargest
	}
	f.size.SetSelected(sizeLabel(size, nil))
	f.dropAll.SetChecked(prefs.Bool(app.PrefDropSavesAllSizes))
	return f
}

func (f *settingsForm) items() []*widget.FormItem {
	return []*widget.FormItem{
		{Text: "Cloud", Widget: f.cloud},
		{Text: "Tenant", Widget: f.tenant},
		{Text: "Client id", Widget: f.clientID},
		{Text: "Authority", Widget: f.authority, HintText: "Only for sovereign clouds; empty means the public cloud."},
		{Text: "Graph version", Widget: f.apiVersion, HintText: "Takes effect at the next start."},
		{Text: "Default size", Widget: f.size},
		{Text: "Drag and drop", Widget: f.dropAll},
	}
}

// save writes the form back to the preferences.
func (f *settingsForm) save() {
	for _, c := range clouds {
		if c.label == f.cloud.Selected {
			f.prefs.SetString(app.PrefCloud, c.value)
		}
	}
	f.prefs.SetString(app.PrefTenant, f.tenant.Text)
	f.prefs.SetString(app.PrefClientID, f.clientID.Text)
	f.prefs.SetString(app.PrefAuthority, f.authority.Text)
	f.prefs.SetString(app.PrefAPIVersion, f.apiVersion.Selected)
	f.prefs.SetString(app.PrefDefaultSize, string(sizeFromLabel(f.size.Selected)))
	f.prefs.SetBool(app.PrefDropSavesAllSizes, f.dropAll.Checked)
}

// onSettings opens the settings dialog.
func (m *mainWindow) onSettings() { showSettingsDialog(m.prefs, m.w) }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
