package startup

import (
	"context"
	"fmt"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// AppCredentialFromPrefs is how the window signs in as an application, as
// chosen in Settings: nil for a person (delegated, the default), the
// keyring entry of cloud's client secret, or the certificate file. The
// secret itself is never read from preferences.
func AppCredentialFromPrefs(p app.Preferences, cloud auth.Cloud) *auth.AppCredential {
	switch p.String(app.PrefAuthMode) {
	case app.AuthAppSecret:
		return &auth.AppCredential{Secret: auth.KeyringSecretStore(cloud)}
	case app.AuthAppCertificate:
		return &auth.AppCredential{CertificatePath: strings.TrimSpace(p.String(app.PrefCertificatePath))}
	}
	return nil
}

// FromPrefs is the Options the window's Settings describe: cloud, sign-in
// mode and photo cache lifetime. Callers add what only they know (retry
// policy, logger).
func FromPrefs(p app.Preferences) Options {
	cloud := CloudFromPrefs(p)
	return Options{Cloud: cloud, App: AppCredentialFromPrefs(p, cloud), CacheTTL: app.CacheTTLFrom(p)}
}

// openAppSession signs env in as an application. The sandbox has one
// confidential client of its own, whose secret is public knowledge, so there
// any credential stands for it: application permissions can be tried out
// without registering anything.
func openAppSession(ctx context.Context, env *Env, cred auth.AppCredential, store auth.CacheStore, opts []auth.Option) (*auth.Session, error) {
	if env.Sandbox != nil {
		env.Cloud.ClientID = sandbox.DaemonClientID
		secret := &auth.MemoryStore{}
		if err := auth.SaveClientSecret(ctx, secret, sandbox.DaemonClientSecret); err != nil {
			return nil, err
		}
		cred = auth.AppCredential{Secret: secret}
	}
	if store == nil {
		store = auth.KeyringCacheStore(env.Cloud)
	}
	sess, err := auth.NewApp(ctx, env.Cloud, cred, append(opts, auth.WithCacheStore(store))...)
	if err != nil {
		return nil, fmt.Errorf("sign in as the application: %w", err)
	}
	return sess, nil
}
