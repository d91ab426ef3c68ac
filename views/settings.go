package views

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/views/widgets"
)

// Cloud choices as shown, and the preference values they stand for.
var clouds = []struct{ label, value string }{
	{"Sandbox tenant (offline demo)", app.CloudSandbox},
	{"Microsoft 365", app.CloudM365},
}

// Sign-in modes as shown, and the preference values they stand for.
var authModes = []struct{ label, value string }{
	{"Me (delegated permissions)", app.AuthDelegated},
	{"An application, with a client secret", app.AuthAppSecret},
	{"An application, with a certificate", app.AuthAppCertificate},
}

// Throttling caps as shown, and the seconds they stand for (issue 14: a
// server may ask for a day; the default minute matches the command line).
var maxWaits = []struct{ label, value string }{
	{"Wait at most 1 min a request (3 min a person)", "60"},
	{"Wait at most 5 min a request (15 min a person)", "300"},
	{"Wait at most 15 min a request (45 min a person)", "900"},
}

// settingsForm edits the app.Pref* keys. Connection settings (cloud,
// tenant, client id, authority, API version, sign-in mode) re-open the
// engine when saved; a client secret goes to the keyring, never to the
// preferences.
type settingsForm struct {
	prefs         app.Preferences
	cloud         *widgets.EscapeSelect
	tenant        *widgets.EscapeEntry
	clientID      *widgets.EscapeEntry
	authority     *widgets.EscapeEntry
	apiVersion    *widgets.EscapeSelect
	authMode      *widgets.EscapeSelect
	secret        *widgets.EscapeEntry
	certPath      *widgets.EscapeEntry
	size          *widgets.EscapeSelect
	dropAll       *widgets.EscapeCheck
	maxWait       *widgets.EscapeSelect
	backups       fyne.CanvasObject // where changes are backed up, with Open folder; nil when unknown
	photoCache    *photoCacheForm   // settingscache.go; nil when there is no disk cache
	photoCacheErr error             // why there is no disk cache, if it could not be opened
	perms         fyne.CanvasObject // what the current token holds (settingspermissions.go); nil when signed out
	shown         *widget.Form      // the form built by form(), nil before
	// noted are the text fields with their hint or reason under them,
	// made once (noted): a form's own hint does not wrap.
	noted map[*widgets.EscapeEntry]*widgets.NotedEntry
}

// settingsChange is what a save changed that the shell must act on.
type settingsChange struct {
	connection bool // the engine must be opened again
	// versionOnly: only the Graph version changed, so the window opened
	// again shows whom it showed (the same account, in the same tenant).
	versionOnly bool
	secret      string     // a client secret typed in, for the keyring
	cloud       auth.Cloud // the cloud the secret belongs to
}

func newSettingsForm(prefs app.Preferences) *settingsForm {
	f := &settingsForm{
		prefs:      prefs,
		cloud:      widgets.NewEscapeSelect(nil, nil),
		tenant:     widgets.NewEscapeEntry(),
		clientID:   widgets.NewEscapeEntry(),
		authority:  widgets.NewEscapeEntry(),
		apiVersion: widgets.NewEscapeSelect([]string{app.APIVersionV1, app.APIVersionBeta}, nil),
		authMode:   widgets.NewEscapeSelect(nil, nil),
		secret:     widgets.NewEscapePasswordEntry(),
		certPath:   widgets.NewEscapeEntry(),
		size:       widgets.NewEscapeSelect(sizeOptions(nil), nil),
		dropAll:    widgets.NewEscapeCheck("Dropping a folder saves every size", nil),
		maxWait:    widgets.NewEscapeSelect(nil, nil),
	}
	f.cloud.Options, f.cloud.Selected = choices(clouds, prefs.String(app.PrefCloud))
	f.authMode.Options, f.authMode.Selected = choices(authModes, prefs.String(app.PrefAuthMode))
	f.authMode.OnChanged = func(string) { f.enableCredentials() }
	f.tenant.SetText(prefs.String(app.PrefTenant))
	f.tenant.SetPlaceHolder("contoso.onmicrosoft.com or tenant id")
	f.clientID.SetText(prefs.String(app.PrefClientID))
	f.clientID.SetPlaceHolder("application (client) id")
	f.authority.SetText(prefs.String(app.PrefAuthority))
	f.authority.SetPlaceHolder("login.microsoftonline.com")
	f.apiVersion.SetSelected(orDefault(prefs.String(app.PrefAPIVersion), app.APIVersionV1))
	f.secret.SetPlaceHolder("paste to replace the saved secret")
	f.certPath.SetText(prefs.String(app.PrefCertificatePath))
	f.certPath.SetPlaceHolder("/path/to/photodesk.pem (certificate and private key)")
	f.enableCredentials()
	size, err := graphapi.ParseSize(prefs.String(app.PrefDefaultSize))
	if err != nil {
		size = graphapi.SizeLargest
	}
	f.size.SetSelected(sizeLabel(size, nil))
	f.dropAll.SetChecked(prefs.Bool(app.PrefDropSavesAllSizes))
	perWait, _ := app.WaitCapsFrom(prefs)
	f.maxWait.Options, f.maxWait.Selected = choices(maxWaits, strconv.Itoa(int(perWait.Seconds())))
	f.checkFields()
	return f
}

// choices are the labels of options and the one whose value is current
// (the first when none is).
func choices(options []struct{ label, value string }, current string) (labels []string, selected string) {
	for _, o := range options {
		labels = append(labels, o.label)
		if o.value == current {
			selected = o.label
		}
	}
	if selected == "" {
		selected = labels[0]
	}
	return labels, selected
}

// valueOf is the preference value of the option labelled label.
func valueOf(options []struct{ label, value string }, label string) string {
	for _, o := range options {
		if o.label == label {
			return o.value
		}
	}
	return options[0].value
}

// enableCredentials offers the secret or the certificate field for the
// application mode picked on Microsoft 365, and neither for a person nor
// on the sandbox: its own application signs in there whatever is typed
// (startup.openAppSession), so a secret typed there was thrown away.
func (f *settingsForm) enableCredentials() {
	mode := valueOf(authModes, f.authMode.Selected)
	m365 := f.isM365()
	setEnabled(f.secret, m365 && mode == app.AuthAppSecret)
	setEnabled(f.certPath, m365 && mode == app.AuthAppCertificate)
	f.refreshLabels()
}

// form builds the settings' form, once, for the dialog.
func (f *settingsForm) form() *widget.Form {
	if f.shown == nil {
		f.shown = widget.NewForm(f.items()...)
	}
	return f.shown
}

// refreshLabels greys the labels of the fields just disabled and no
// others: Fyne's form colours a label by its field's state only when it
// is refreshed, so Tenant, Client id and Authority stayed grey after a
// switch from the sandbox to Microsoft 365, as if they could not be typed
// in (and the secret's and certificate's after a change of Sign in as).
func (f *settingsForm) refreshLabels() {
	if f.shown != nil {
		f.shown.Refresh()
	}
}

func setEnabled(e fyne.Disableable, on bool) {
	if on {
		e.Enable()
	} else {
		e.Disable()
	}
}

func (f *settingsForm) items() []*widget.FormItem {
	items := []*widget.FormItem{
		{Text: "Cloud", Widget: f.cloud},
		{Text: "Tenant", Widget: f.withNote(f.tenant, "Microsoft 365 only: the tenant ID (a GUID) or a domain, e.g. contoso.onmicrosoft.com.")},
		{Text: "Client id", Widget: f.withNote(f.clientID, "Microsoft 365 only: your app registration's Application (client) ID, a GUID.")},
		{Text: "Authority", Widget: f.withNote(f.authority, "National clouds only: login.microsoftonline.us or login.chinacloudapi.cn; empty is the global cloud.")},
		{Text: "Graph version", Widget: f.apiVersion},
		{Text: "Sign in as", Widget: f.authMode, HintText: "An application cannot open Me or My contacts, nor read group photos (403)."},
		{Text: "Client secret", Widget: f.withNote(f.secret, "Kept in the system keyring, never in Photo Desk's settings.")},
		{Text: "Certificate", Widget: f.withNote(f.certPath, "A PEM file with the certificate and its private key; only the path is saved.")},
		{Text: "Default size", Widget: f.size},
		{Text: "Drag and drop", Widget: f.dropAll},
		{Text: "Throttling", Widget: f.maxWait, HintText: "How long an export waits when Graph asks it to slow down, then gives up."},
	}
	if f.backups != nil {
		items = append(items, &widget.FormItem{
			Text: "Backups", Widget: f.backups,
			HintText: "Every photo changed is saved here first, with a log. Photo Desk never deletes them.",
		})
	}
	if f.perms != nil {
		items = append(items, &widget.FormItem{Text: "Permissions", Widget: f.perms})
	}
	return append(items, f.photoCacheItems()...)
}

// withNote is e with hint under it, or why its text cannot be used, in
// lines that wrap: the reasons quote what was typed (a pasted URL for a
// tenant), and a form item's hint ran off the dialog's right edge. One
// per entry, whichever list of items it is in.
func (f *settingsForm) withNote(e *widgets.EscapeEntry, hint string) *widgets.NotedEntry {
	if n, ok := f.noted[e]; ok {
		return n
	}
	if f.noted == nil {
		f.noted = map[*widgets.EscapeEntry]*widgets.NotedEntry{}
	}
	f.noted[e] = widgets.NewNotedEntry(e, hint)
	return f.noted[e]
}

// showBackups adds the backups folder to the form, with a button that
// opens it in the file manager.
func (f *settingsForm) showBackups(dir string, open func(string)) {
	path := widget.NewLabel(dir)
	path.Wrapping = fyne.TextWrapBreak
	button := widgets.NewKeyButton("Open folder", nil, func() { open(dir) })
	f.backups = container.NewBorder(nil, nil, nil, button, path)
}

// save writes the form back to the preferences (all but the secret) and
// says what changed.
func (f *settingsForm) save() settingsChange {
	before, besidesVersion := session.ConnectionKey(f.prefs), session.ConnectionKeyBesidesVersion(f.prefs)
	f.prefs.SetString(app.PrefCloud, valueOf(clouds, f.cloud.Selected))
	// Trimmed as every reader trims them: kept as typed, the spaces came
	// back in the fields the next time Settings opened.
	f.prefs.SetString(app.PrefTenant, savedTenant(f.tenant.Text))
	f.prefs.SetString(app.PrefClientID, strings.TrimSpace(f.clientID.Text))
	f.prefs.SetString(app.PrefAuthority, strings.TrimSpace(f.authority.Text))
	f.prefs.SetString(app.PrefAPIVersion, f.apiVersion.Selected)
	f.prefs.SetString(app.PrefAuthMode, valueOf(authModes, f.authMode.Selected))
	f.prefs.SetString(app.PrefCertificatePath, strings.TrimSpace(f.certPath.Text))
	f.prefs.SetString(app.PrefDefaultSize, string(sizeFromLabel(f.size.Selected)))
	f.prefs.SetBool(app.PrefDropSavesAllSizes, f.dropAll.Checked)
	if secs, err := strconv.Atoi(valueOf(maxWaits, f.maxWait.Selected)); err == nil {
		f.prefs.SetInt(app.PrefMaxWaitSeconds, secs)
	}
	f.savePhotoCache()
	c := settingsChange{connection: session.ConnectionKey(f.prefs) != before, cloud: session.CloudFromPrefs(f.prefs)}
	// Spaces alone are no secret: the field is left empty, keeping the
	// saved one, as its placeholder says (they replaced it, and the
	// keyring's refusal of an empty secret was reported as no keyring).
	if secret := strings.TrimSpace(f.secret.Text); f.prefs.String(app.PrefAuthMode) == app.AuthAppSecret && c.cloud.Kind == auth.Microsoft365 && secret != "" {
		c.secret = secret
		c.connection = true
	}
	c.versionOnly = c.connection && c.secret == "" && session.ConnectionKeyBesidesVersion(f.prefs) == besidesVersion
	return c
}

// onSettings opens the settings dialog; with a shell around the window,
// saving connection settings re-opens the engine.
func (m *mainWindow) onSettings() {
	if m.openSettings != nil {
		m.openSettings()
		return
	}
	f := newSettingsForm(m.prefs)
	f.showBackups(m.backups, m.openFolder)
	showSettingsDialog(f, m.w, nil)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// savedTenant is the tenant a pasted sign-in address names, so Settings
// shows the tenant next time, or the field as typed (the sandbox does not
// check it).
func savedTenant(s string) string {
	if t, err := session.Tenant(s); err == nil {
		return t
	}
	return strings.TrimSpace(s)
}
