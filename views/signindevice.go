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
	words    deviceCodeWords
}

// deviceCodeWords is what the device code dialog says while the code is
// asked for, once it is shown, and while the sign-in waits (after a copy
// too).
type deviceCodeWords struct {
	asking, intro, waiting, codeCopied, linkCopied string
}

// deviceCodeTexts words the dialog for the sandbox tenant (demo) or
// Microsoft 365. The sandbox enters the code for its demo account — or for
// username, typed in Add another account — by itself a moment after
// showing it, as its browser sign-in needs no browser (signInTexts):
// telling a person there to open the page and enter the code sent them to
// a page they did not need, while the dialog closed under them.
func deviceCodeTexts(demo bool, username string) deviceCodeWords {
	if demo {
		whom := "its demo account"
		if username != "" {
			whom = username
		}
		return deviceCodeWords{
			asking:     "Asking the sandbox tenant for a sign-in code…",
			intro:      "The sandbox tenant enters this code for " + whom + " by itself: nothing to open or type. Photo Desk carries on in a moment.",
			waiting:    "Waiting for the sandbox tenant…",
			codeCopied: "Code copied. Waiting for the sandbox tenant…",
			linkCopied: "Link copied. Waiting for the sandbox tenant…",
		}
	}
	return deviceCodeWords{
		asking:     "Asking Microsoft for a sign-in code…",
		intro:      "On this or any other device, open the page below and enter the code. Photo Desk carries on by itself once you have signed in.",
		waiting:    "Waiting for you to enter the code…",
		codeCopied: "Code copied. Waiting for you to enter it…",
		linkCopied: "Link copied. Waiting for you to enter the code…",
	}
}

func newDeviceCodeDialog(w fyne.Window, clip fyne.Clipboard, demo bool, username string, cancel func()) *deviceCodeDialog {
	words := deviceCodeTexts(demo, username)
	dc := &deviceCodeDialog{
		clip:    clip,
		words:   words,
		intro:   widget.NewLabel(words.asking),
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
	dc.intro.SetText(dc.words.intro)
	dc.code.SetText(code)
	dc.url = link
	dc.link.SetText(link)
	if err := dc.link.SetURLFromString(link); err != nil {
		dc.link.SetURL(nil)
	}
	dc.copyCode.Enable()
	dc.copyLink.Enable()
	dc.waiting.SetText(dc.words.waiting)
}

func (dc *deviceCodeDialog) onCopyCode() {
	dc.clip.SetContent(dc.code.Text)
	dc.waiting.SetText(dc.words.codeCopied)
}

func (dc *deviceCodeDialog) onCopyLink() {
	dc.clip.SetContent(dc.url)
	dc.waiting.SetText(dc.words.linkCopied)
}
