package views

import (
	"context"

	"fyne.io/fyne/v2/dialog"

	"github.com/photodesk/photodesk/app/auth"
)

// memorySecret is a client secret the keyring would not take: kept for
// this run only, for the cloud it was entered for, never written anywhere.
type memorySecret struct {
	cloud auth.Cloud
	store auth.CacheStore
}

// onSettings opens Settings over the window; connection changes re-open
// the engine without a restart.
func (sh *shell) onSettings() {
	sh.settings = newSettingsForm(sh.prefs)
	showSettingsDialog(sh.settings, sh.w, sh.settingsSaved)
}

// settingsSaved stores a new client secret in the keyring (off the UI
// goroutine: the keyring may take a while or fail) and re-opens the engine
// when the connection changed.
func (sh *shell) settingsSaved(c settingsChange) {
	if c.secret == "" {
		if c.connection {
			sh.connect()
		}
		return
	}
	store := sh.cfg.secretStore(c.cloud)
	go func() {
		err := auth.SaveClientSecret(sh.ctx, store, c.secret)
		sh.cfg.do(func() {
			sh.memSecret = nil
			if err != nil {
				mem := &auth.MemoryStore{}
				_ = auth.SaveClientSecret(context.Background(), mem, c.secret)
				sh.memSecret = &memorySecret{cloud: c.cloud, store: mem}
				dialog.ShowInformation("Client secret kept until Photo Desk quits",
					"The system keyring is not available ("+err.Error()+"), so the client secret could not be saved. "+
						"Photo Desk never writes secrets to its settings: it uses the secret until it quits, and you enter it again next time. "+
						"A certificate (Settings > Sign in as) needs no keyring.", sh.w)
			}
			sh.connect()
		})
	}()
}
