package views

import (
	"context"
)

// onSettings opens Settings over the window; connection changes re-open
// the connection without a restart.
func (sh *shell) onSettings() {
	f := newSettingsForm(sh.prefs)
	backups := sh.backups
	if sh.main != nil && sh.main.backups != "" {
		backups = sh.main.backups // the account's: the sandbox's are kept apart
	}
	if backups != "" {
		f.showBackups(backups, func(dir string) { openFolder(sh.a, dir, func(f func()) { go f() }, sh.do) })
	}
	f.showPhotoCache(sh.photos, sh.photosErr, sh.forgetPhotos, sh.do)
	if conn := sh.conn(); conn != nil && sh.main != nil {
		f.perms = permissionsView(conn, sh.main.bg)
	}
	showSettingsDialog(f, sh.w, sh.settingsSaved)
}

// settingsSaved stores a new client secret (off the UI goroutine: the
// keyring may take a while or fail) and re-opens the connection when it
// changed.
func (sh *shell) settingsSaved(c settingsChange) {
	if c.versionOnly {
		sh.keep = sh.shownView()
	}
	if c.secret == "" {
		if c.connection {
			sh.ctrl.Connect()
		}
		return
	}
	go func() {
		err := sh.ctrl.SaveSecret(context.Background(), c.cloud, c.secret)
		sh.do(func() {
			if err != nil {
				showInformation("Client secret kept until Photo Desk quits",
					"The system keyring is not available ("+err.Error()+"), so the client secret could not be saved. "+
						"Photo Desk never writes secrets to its settings: it uses the secret until it quits, and you enter it again next time. "+
						"A certificate (Settings > Sign in as) needs no keyring.", sh.w)
			}
			sh.ctrl.Connect()
		})
	}()
}
