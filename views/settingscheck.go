package views

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
)

// checkFields makes Settings refuse what it cannot use before Save (issue
// 18: a tenant "not a tenant!" used to be saved and then replace the whole
// window with an error). Each field says why under itself and the form's
// Save stays disabled until all are right. The sandbox needs no tenant,
// client id or authority, so those fields are disabled there and their
// checks pass.
func (f *settingsForm) checkFields() {
	f.tenant.Validator = f.onlyForM365(func(s string) error {
		t, err := session.Tenant(s)
		if err != nil {
			return err
		}
		return auth.CheckTenant(t)
	})
	f.clientID.Validator = f.onlyForM365(auth.CheckClientID)
	f.authority.Validator = f.onlyForM365(func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil // the global cloud
		}
		return auth.CheckAuthorityHost(session.AuthorityHost(s))
	})
	f.certPath.Validator = func(s string) error {
		if !f.isM365() || valueOf(authModes, f.authMode.Selected) != app.AuthAppCertificate {
			return nil
		}
		return checkCertificatePath(s)
	}
	f.cloud.OnChanged = func(string) { f.cloudChanged() }
	previous := f.authMode.OnChanged
	f.authMode.OnChanged = func(s string) {
		if previous != nil {
			previous(s)
		}
		_ = f.certPath.Validate()
	}
	f.cloudChanged()
}

func (f *settingsForm) isM365() bool {
	return valueOf(clouds, f.cloud.Selected) == app.CloudM365
}

// onlyForM365 runs check, unwrapped from the field name the form already
// shows, only when the cloud picked is Microsoft 365.
func (f *settingsForm) onlyForM365(check func(string) error) func(string) error {
	return func(s string) error {
		if !f.isM365() {
			return nil
		}
		return check(strings.TrimSpace(s))
	}
}

// cloudChanged enables the tenant fields for Microsoft 365 only and checks
// every field again, so Save follows the cloud picked.
func (f *settingsForm) cloudChanged() {
	m365 := f.isM365()
	for _, e := range []interface{ Validate() error }{f.tenant, f.clientID, f.authority, f.certPath} {
		_ = e.Validate()
	}
	setEnabled(f.tenant, m365)
	setEnabled(f.clientID, m365)
	setEnabled(f.authority, m365)
	f.enableCredentials() // refreshes the labels
}

// checkCertificatePath insists on a readable file for certificate sign-in.
func checkCertificatePath(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return errors.New("enter the path of the PEM file with the certificate and its private key")
	}
	fi, err := os.Stat(s)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("no file at %s", s)
	case err != nil:
		return fmt.Errorf("cannot read %s", s)
	case fi.IsDir():
		return fmt.Errorf("%s is a folder, not a PEM file", s)
	}
	return nil
}
