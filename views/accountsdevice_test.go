package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// On the sandbox, Add another account with a username typed and then Use
// a device code instead signs that account in, as the browser button
// does, and the dialog says the code is entered for it: the sandbox
// entered the code for its demo account whatever name was typed. A name
// the sandbox has not is refused, naming it, and not signed in as the
// demo account.
func TestAddAccountWithADeviceCodeSignsInTheNameTyped(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	other := h.env().Sandbox.Directory().Examples().FullHD.UserPrincipalName

	addWithDeviceCode := func(name string) {
		t.Helper()
		h.chooseAccountItem(menuAddAccount)
		var username *widgetEntry
		h.waitFor("the username field", func() bool { username = h.dialogEntry(); return username != nil })
		test.Type(username, name)
		h.tapDialogButton("Use a device code instead")
	}

	addWithDeviceCode(other)
	var dc *deviceCodeDialog
	h.waitFor("the device code", func() bool { dc = h.deviceCodeShown(); return dc != nil && dc.code.Text != "" })
	if text := h.dialogText(); !strings.Contains(text, "enters this code for "+other+" by itself") {
		t.Errorf("the device code dialog says %q, want it entered for %s", text, other)
	}
	h.waitFor(other+" signed in, or a refusal", func() bool {
		m := h.sh.main
		return m != nil && m.status.account.Text != demoStatus || strings.Contains(h.dialogText(), "Not signed in")
	})
	if got := h.sh.main.status.account.Text; got != "Sandbox tenant · "+other {
		t.Fatalf("the device code signed in %q, want %s (dialog: %q)", got, other, h.dialogText())
	}

	const typo = "adele.vanse@contoso.onmicrosoft.com"
	addWithDeviceCode(typo)
	h.waitFor("the refusal", func() bool { return strings.Contains(h.dialogText(), "AADSTS50034") })
	if text := h.dialogText(); !strings.Contains(text, `no account "`+typo+`"`) {
		t.Errorf("the refusal reads %q, want it to name %s", text, typo)
	}
	if got := h.sh.main.status.account.Text; got != "Sandbox tenant · "+other {
		t.Errorf("after the refusal the window shows %q, want %s still", got, other)
	}
}
