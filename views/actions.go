package views

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
)

// photo is the photo the actions work on; ok is false while none is shown.
func (m *mainWindow) photo() (r *app.PhotoResult, ok bool) {
	r = m.current
	return r, r != nil && !r.NoPhoto
}

// photoTo is photo for an action that needs the photo's bytes (doing is
// "save" or "copy"); without them it says why in the status bar. The
// toolbar greys those actions, but the File menu's items and the keys
// stay live, and did nothing a person could see. While the photo loads
// the status bar says to wait, as the load's own word (loadActivity), so
// it goes when the photo shows: a key pressed then did nothing at all.
func (m *mainWindow) photoTo(doing string) (r *app.PhotoResult, ok bool) {
	r, ok = m.photo()
	switch {
	case ok || m.person == nil:
	case m.viewer.loading.Visible():
		m.loadActivity("The photo of " + m.person.DisplayName + " is still loading: " + doing + " it once it shows.")
	case r != nil:
		m.status.setActivity(m.person.DisplayName + " has no photo to " + doing + ".")
	default:
		m.status.setActivity("The photo of " + m.person.DisplayName + " could not be loaded, so there is nothing to " + doing + ".")
	}
	return r, ok
}

// copyMenu lists the forms a photo can be copied as besides the image: a
// file (for a folder or a mail) and texts. A "no photo"
// answer has its details to copy (the request URL and request-id of the
// 404, for a ticket), but no bytes.
func (m *mainWindow) copyMenu() *fyne.Menu {
	_, ok := m.photo()
	file := fyne.NewMenuItem("File", m.onCopyFile)
	base64 := fyne.NewMenuItem("Base64", m.onCopyBase64)
	mail := fyne.NewMenuItem("Mail attachment JSON", m.onCopyMailJSON)
	file.Disabled, base64.Disabled, mail.Disabled = !ok, !ok, !ok
	return fyne.NewMenu("Copy as", file, base64, mail, fyne.NewMenuItem("Metadata JSON", m.onCopyMetadataJSON))
}

// contextMenu is the right-click menu on the photo: every action, greyed
// out while there is nothing to act on.
func (m *mainWindow) contextMenu() *fyne.Menu {
	_, ok := m.photo()
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("Save…", m.onSave),
		fyne.NewMenuItem("Save all sizes…", m.onSaveAllSizes),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Copy image", m.onCopyImage),
		fyne.NewMenuItem("Copy file", m.onCopyFile),
		fyne.NewMenuItem("Copy as base64", m.onCopyBase64),
		fyne.NewMenuItem("Copy as mail attachment JSON", m.onCopyMailJSON),
		fyne.NewMenuItem("Copy metadata JSON", m.onCopyMetadataJSON),
	}
	for _, it := range items {
		it.Disabled = !ok && !it.IsSeparator
	}
	// The details of a "no photo" answer are what a ticket about it needs.
	items[len(items)-1].Disabled = m.current == nil
	refresh := fyne.NewMenuItem("Refresh", m.onRefresh)
	refresh.Disabled = m.person == nil
	changePhoto := fyne.NewMenuItem("Change photo…", m.onChangePhoto)
	changePhoto.Disabled = m.person == nil
	remove := fyne.NewMenuItem("Remove photo…", m.onRemovePhoto)
	remove.Disabled = !ok
	copyUPN := fyne.NewMenuItem(copyAddressLabel(m.person), m.onCopyUPN)
	copyUPN.Disabled = m.person == nil || m.person.Secondary() == ""
	copyID := fyne.NewMenuItem(menuCopyID, m.onCopyID)
	copyID.Disabled = m.person == nil
	items = append(items, copyUPN, copyID,
		fyne.NewMenuItemSeparator(), changePhoto, remove, fyne.NewMenuItemSeparator(), refresh)
	return fyne.NewMenu("", items...)
}

func (m *mainWindow) onContextMenu(ev *fyne.PointEvent) {
	widget.ShowPopUpMenuAtPosition(m.contextMenu(), m.w.Canvas(), ev.AbsolutePosition)
}

// onCopyImage puts the photo on the system clipboard as PNG. Encoding and
// the clipboard run off the UI goroutine.
func (m *mainWindow) onCopyImage() {
	r, ok := m.photoTo("copy")
	if !ok {
		return
	}
	m.bg.run(func() {
		png, err := r.PNG()
		if err == nil {
			err = m.clip.WritePNG(png)
		}
		m.bg.do(func() {
			switch {
			case errors.Is(err, errNoImageClipboard):
				showInformation("Copy image",
					"This system has no image clipboard Photo Desk can use (it needs an X11 or Wayland "+
						"desktop with libX11 on Linux). Save the photo, or copy it as base64 instead.", m.w)
			case err != nil:
				m.showError(err)
			default:
				m.status.setActivity("Copied " + photoWhat(r) + " as an image" + fallbackSaid(r))
			}
		})
	})
}

func (m *mainWindow) onCopyBase64() {
	if r, ok := m.photoTo("copy"); ok {
		m.copyText(photoWhat(r)+" as base64"+fallbackSaid(r), r.Base64())
	}
}

func (m *mainWindow) onCopyMailJSON() {
	if r, ok := m.photoTo("copy"); ok {
		m.copyJSON(photoWhat(r)+" as mail attachment JSON"+fallbackSaid(r), r.MailAttachmentJSON)
	}
}

// photoWhat names the photo a copy took by its size: "the 240x240 photo
// of Megan Bowen".
func photoWhat(r *app.PhotoResult) string {
	return "the " + r.ServedSizeName() + " photo of " + r.Person.DisplayName
}

// fellBack reports whether the size picked was not there and another was
// taken: what the copy's word and the save form say, not only the note
// under the picker.
func fellBack(r *app.PhotoResult) bool {
	return r.FallbackNote() != "" && r.Requested != r.Served
}

// fallbackSaid is " (432x432 not uploaded)" when the photo fell back, so
// the copy's word says so too; "" otherwise.
func fallbackSaid(r *app.PhotoResult) string {
	if !fellBack(r) {
		return ""
	}
	return " (" + app.SizeName(r.Requested) + " not uploaded)"
}

func (m *mainWindow) onCopyMetadataJSON() {
	if r := m.current; r != nil {
		if len(r.Available) == 0 && m.viewer.sizes.available != nil {
			// The size list comes apart from the photo: the JSON says what
			// Photo details say.
			withSizes := *r
			withSizes.Available = m.viewer.sizes.available
			r = &withSizes
		}
		m.copyJSON("the photo details of "+r.Person.DisplayName+" as JSON", r.MetadataJSON)
	}
}

// Copying who is shown, for a ticket or a script (issue 18).
const (
	menuCopyUPN  = "Copy UPN"
	menuCopyMail = "Copy mail address"
	menuCopyID   = "Copy object id"
)

// copyAddressLabel names what onCopyUPN copies for p: groups and contacts
// have no UPN, so for them it is their mail address, and the item says so.
func copyAddressLabel(p *app.Person) string {
	if p != nil && p.Kind != app.KindUser {
		return menuCopyMail
	}
	return menuCopyUPN
}

// relabelCopyAddress makes the Edit menu's copy item name what it copies
// for who is shown now; the menu bar is built before anyone is picked.
func (m *mainWindow) relabelCopyAddress() {
	it, label := m.copyAddress, copyAddressLabel(m.person)
	if it == nil || it.Label == label {
		return
	}
	it.Label = label
	if shown := m.w.MainMenu(); shown != nil {
		shown.Refresh()
	}
}

// onCopyUPN copies the UPN (the mail address of a group or contact).
func (m *mainWindow) onCopyUPN() {
	if m.person != nil && m.person.Secondary() != "" {
		m.copyText(m.person.Secondary(), m.person.Secondary())
	}
}

// onCopyID copies the object id of who is shown.
func (m *mainWindow) onCopyID() {
	if m.person != nil {
		m.copyText("the object id of "+m.person.DisplayName, m.person.ID)
	}
}

func (m *mainWindow) copyJSON(what string, build func() ([]byte, error)) {
	b, err := build()
	if err != nil {
		m.showError(err)
		return
	}
	m.copyText(what, string(b))
}

// copyText puts text on Fyne's (text) clipboard and says so.
func (m *mainWindow) copyText(what, text string) {
	m.a.Clipboard().SetContent(text)
	m.status.setActivity("Copied " + what)
}

// onRefresh drops the cached photo and fetches it again, and asks again
// for the list's avatars that failed to load.
func (m *mainWindow) onRefresh() {
	m.sidebar.retryFailedAvatars()
	if m.person == nil {
		return
	}
	m.eng.Invalidate(*m.person)
	// Refresh is how someone whose photo changed elsewhere is fetched
	// anew: their row must not keep the old avatar beside the new photo.
	m.sidebar.forgetAvatar(*m.person)
	name := m.person.DisplayName
	m.loadThen(func() {
		// Say it happened: the photo often looks just the same.
		if m.current != nil {
			m.status.setActivity("Refreshed the photo of " + name)
		}
	})
}

func (m *mainWindow) showError(err error) { m.showErrorThen(err, nil) }

// showErrorThen is showError that runs closed once the message is closed.
func (m *mainWindow) showErrorThen(err error, closed func()) {
	showErrorThen(errors.New(friendlyFor(err, m.sidebar.appOnly)), m.w, closed)
}
