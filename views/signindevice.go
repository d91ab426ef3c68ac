package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// deviceCodeDialog shows a device code sign-in: the code and the page to
// enter it at, both copyable (helpdesk staff often sign in on a phone or
// another PC), until the sign-in ends or the person cancels.
type deviceCodeDialog struct {
	clip     fyne.Clipboard
	intro    *widget.Label
	code     *widget.Label
	copyCode *widget.Button
	link     *widget.Hyperlink
	copyLink *widget.Button
	waiting  *widget.Label
	d        *dialog.CustomDialog
	url      string
}

func newDeviceCodeDialog(w fyne.Window, clip fyne.Clipboard, cancel func()) *deviceCodeDialog {
	dc := &deviceCodeDialog{
		clip:    clip,
		intro:   widget.NewLabel("Asking Microsoft for a sign-in code…"),
		code:    widget.NewLabel(""),
		link:    widget.NewHyperlink("", nil),
		waiting: widget.NewLabel(""),
	}
	dc.intro.Wrapping = fyne.TextWrapWord
	dc.code.TextStyle = fyne.TextStyle{Monospace: true}
	dc.code.SizeName = theme.SizeNameHeadingText
	dc.copyCode = widget.NewButtonWithIcon("Copy code", theme.ContentCopyIcon(), dc.onCopyCode)
	dc.copyLink = widget.NewButtonWithIcon("Copy link", theme.ContentCopyIcon(), dc.onCopyLink)
	dc.copyCode.Disable()
	dc.copyLink.Disable()
	content := container.NewVBox(
		dc.intro,
		container.NewBorder(nil, nil, nil, dc.copyCode, dc.code),
		container.NewBorder(nil, nil, nil, dc.copyLink, dc.link),
		dc.waiting,
	)
	dc.d = newCustom("Sign in with a code", "Cancel", content, w)
	dc.d.SetOnClosed(cancel)
	dc.d.Resize(fyne.NewSize(480, 0))
	return dc
}

func (dc *deviceCodeDialog) show() { dc.d.Show() }

func (dc *deviceCodeDialog) hide() { dc.d.Hide() }

// setCode shows the code and the page once Entra ID has issued them.
func (dc *deviceCodeDialog) setCode(code, link string) {
	dc.intro.SetText("On this or any other device, open the page below and enter the code. Photo Desk carries on by itself once you have signed in.")
	dc.code.SetText(code)
	dc.url = link
	dc.link.SetText(link)
	if err := dc.link.SetURLFromString(link); err != nil {
		dc.link.SetURL(nil)
	}
	dc.copyCode.Enable()
	dc.copyLink.Enable()
	dc.waiting.SetText("Waiting for you to enter the code…")
}

func (dc *deviceCodeDialog) onCopyCode() {
	dc.clip.SetContent(dc.code.Text)
	dc.waiting.SetText("Code copied. Waiting for you to enter it…")
}

func (dc *deviceCodeDialog) onCopyLink() {
	dc.clip.SetContent(dc.url)
	dc.waiting.SetText("Link copied. Waiting for you to enter the code…")
}
