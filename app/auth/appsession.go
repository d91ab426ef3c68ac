package auth

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

// AppCredential is how a confidential client proves it is the app: a client
// secret kept in the keyring, or a certificate with its private key in a PEM
// file (the key file is the admin's to protect; it is never copied).
type AppCredential struct {
	Secret          CacheStore // the keyring entry holding the client secret
	CertificatePath string     // PEM file with the certificate and its unencrypted private key
}

// NewApp makes a session that signs in as the application itself (client
// credentials), for tenants that grant Photo Desk application permissions
// instead of delegated ones. It has no accounts; Token returns app tokens.
func NewApp(ctx context.Context, cloud Cloud, cred AppCredential, opts ...Option) (*Session, error) {
	s, err := newSession(cloud, opts)
	if err != nil {
		return nil, err
	}
	c, err := cred.load(ctx)
	if err != nil {
		return nil, err
	}
	copts := []confidential.Option{confidential.WithCache(s.cache)}
	if s.http != nil {
		copts = append(copts, confidential.WithHTTPClient(s.http))
	}
	if cloud.Kind == Sandbox {
		copts = append(copts, confidential.WithInstanceDiscovery(false))
	}
	app, err := confidential.New(s.cloud.AuthorityURL(), s.cloud.ClientID, c, copts...)
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	s.app = &app
	return s, nil
}

// load turns the credential settings into MSAL's credential.
func (c AppCredential) load(ctx context.Context) (confidential.Credential, error) {
	switch {
	case c.CertificatePath != "":
		pemData, err := os.ReadFile(c.CertificatePath)
		if err != nil {
			return confidential.Credential{}, certificateFileError(c.CertificatePath, err)
		}
		certs, key, err := confidential.CertFromPEM(pemData, "")
		if err != nil {
			return confidential.Credential{}, fmt.Errorf("auth: certificate %s: %w", c.CertificatePath, err)
		}
		cred, err := confidential.NewCredFromCert(certs, key)
		if err != nil {
			return confidential.Credential{}, fmt.Errorf("auth: certificate %s: %w", c.CertificatePath, err)
		}
		return cred, nil
	case c.Secret != nil:
		secret, err := c.Secret.Load(ctx)
		if err != nil {
			return confidential.Credential{}, fmt.Errorf("auth: read the client secret from the keyring: %w", err)
		}
		if len(secret) == 0 {
			return confidential.Credential{}, errors.New("no client secret is saved; enter it in Settings")
		}
		cred, err := confidential.NewCredFromSecret(string(secret))
		if err != nil {
			return confidential.Credential{}, fmt.Errorf("auth: client secret: %w", err)
		}
		return cred, nil
	}
	return confidential.Credential{}, errors.New("an application sign-in needs a client secret or a certificate")
}

// SaveClientSecret stores a client secret (trimmed of pasted spaces) where
// AppCredential.Secret reads it from: the keyring, never preferences.
func SaveClientSecret(ctx context.Context, store CacheStore, secret string) error {
	secret = strings.TrimSpace(secret)
	if secret == "" {
		return errors.New("the client secret is empty")
	}
	if err := store.Save(ctx, []byte(secret)); err != nil {
		return fmt.Errorf("auth: save the client secret: %w", err)
	}
	return nil
}

// appToken is Token for an application session: MSAL serves it from its
// cache until it nears expiry. A token endpoint not reached, down or busy
// (unavailable) fails with ErrSignInUnavailable, as a person's refresh
// does, so that it is worded as the sign-in service's trouble.
func (s *Session) appToken(ctx context.Context) (string, error) {
	res, err := s.app.AcquireTokenByCredential(ctx, []string{s.cloud.appScope()})
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if uerr := unavailableError("application token: ", err); uerr != nil {
			// Worded as the sign-in service not reached, as a
			// person's refresh is; the credential is in Settings,
			// so there is nothing to keep or lose.
			return "", uerr
		}
		return "", fmt.Errorf("auth: application token: %w", err)
	}
	return res.AccessToken, nil
}

// certificateFileError words a certificate file that cannot be read as
// the command line words any other file it cannot read — "no such file:
// /x.pem" — rather than as the system call did ("read certificate: open
// /x.pem: no such file or directory"), naming it a certificate file. The
// system's error stays wrapped for errors.Is.
func certificateFileError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &fileError{"auth: no such certificate file: " + path, err}
	}
	reason := err
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		reason = pe.Err
	}
	return &fileError{"auth: cannot read the certificate file " + path + ": " + reason.Error(), err}
}

// fileError is an error worded for a person, wrapping the system's.
type fileError struct {
	text string
	err  error
}

func (e *fileError) Error() string { return e.text }
func (e *fileError) Unwrap() error { return e.err }
