package startup

import (
	"context"
	"fmt"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

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
