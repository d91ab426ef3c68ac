package session

import (
	"context"

	"github.com/photodesk/photodesk/app/auth"
)

// memorySecret is a client secret the keyring would not take: kept for
// this run only, for the cloud it was entered for, never written anywhere.
type memorySecret struct {
	cloud auth.Cloud
	store auth.CacheStore
}

// SaveSecret stores a new client secret for cloud in the keyring. When the
// keyring refuses it, the secret is kept in memory for this run and the
// keyring's error is returned, for the window to explain; either way the
// next Connect uses it. Photo Desk never writes secrets to its settings.
func (c *Controller) SaveSecret(ctx context.Context, cloud auth.Cloud, secret string) error {
	err := auth.SaveClientSecret(ctx, c.cfg.SecretStore(cloud), secret)
	var mem *memorySecret
	if err != nil {
		store := &auth.MemoryStore{}
		if merr := auth.SaveClientSecret(ctx, store, secret); merr != nil {
			return merr
		}
		mem = &memorySecret{cloud: cloud, store: store}
	}
	c.mu.Lock()
	c.memSecret = mem
	c.mu.Unlock()
	return err
}
