package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

func appCloud(sb *sandbox, clientID string) Cloud {
	c := sb.cloud
	c.ClientID = clientID
	return c
}

func TestAppSessionWithSecret(t *testing.T) {
	sb := startSandbox(t, nil)
	ctx := testContext(t)
	secret := &MemoryStore{}
	if err := SaveClientSecret(ctx, secret, "  "+testSecret+"\n"); err != nil {
		t.Fatal(err)
	}
	s, err := NewApp(ctx, appCloud(sb, testDaemon), AppCredential{Secret: secret}, WithHTTPClient(sb.HTTPClient()))
	if err != nil {
		t.Fatal(err)
	}
	c := sb.claims(t, s)
	if !c.IsApp() || c.AppID != testDaemon || !c.HasScope("User.Read.All") {
		t.Errorf("claims = %+v", c)
	}
	if !s.IsApp() {
		t.Error("IsApp = false")
	}
	// A second call is served from MSAL's cache.
	sb.claims(t, s)
	if n := sb.Provider.Stats().ClientCredentials; n != 1 {
		t.Errorf("client credential grants = %d, want 1", n)
	}
	if _, err := s.SignInInteractive(ctx, sb.browser(ctx)); !errors.Is(err, ErrAppSession) {
		t.Errorf("SignInInteractive on an app session = %v", err)
	}
	if accts, err := s.Accounts(ctx); err != nil || accts != nil {
		t.Errorf("Accounts = %v, %v", accts, err)
	}
	if err := s.EnsureScopes(ctx, "Group.Read.All"); err != nil {
		t.Errorf("EnsureScopes on an app session = %v", err)
	}
}

func TestAppSessionWrongOrMissingSecret(t *testing.T) {
	sb := startSandbox(t, nil)
	ctx := testContext(t)
	wrong := &MemoryStore{}
	if err := SaveClientSecret(ctx, wrong, "not-it"); err != nil {
		t.Fatal(err)
	}
	s, err := NewApp(ctx, appCloud(sb, testDaemon), AppCredential{Secret: wrong}, WithHTTPClient(sb.HTTPClient()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Token(ctx); err == nil || !strings.Contains(err.Error(), "AADSTS7000215") {
		t.Errorf("Token with a wrong secret = %v", err)
	}
	if _, err := NewApp(ctx, appCloud(sb, testDaemon), AppCredential{Secret: &MemoryStore{}}); err == nil {
		t.Error("NewApp without a saved secret succeeded")
	}
	if _, err := NewApp(ctx, appCloud(sb, testDaemon), AppCredential{}); err == nil {
		t.Error("NewApp without any credential succeeded")
	}
	if err := SaveClientSecret(ctx, &MemoryStore{}, "  "); err == nil {
		t.Error("an empty secret was saved")
	}
}

func TestAppSessionWithCertificate(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "photodesk"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	const certApp = "22222222-3333-4444-5555-666666666666"
	sb := startSandbox(t, func(c *identity.Config) {
		c.Apps[certApp] = identity.App{Roles: []string{"User.Read.All"}, Certificates: []*x509.Certificate{cert}}
	})
	path := filepath.Join(t.TempDir(), "photodesk.pem")
	pemData := append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})...)
	if err := os.WriteFile(path, pemData, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := testContext(t)
	s, err := NewApp(ctx, appCloud(sb, certApp), AppCredential{CertificatePath: path}, WithHTTPClient(sb.HTTPClient()))
	if err != nil {
		t.Fatal(err)
	}
	if c := sb.claims(t, s); !c.IsApp() || c.AppID != certApp {
		t.Errorf("claims = %+v", c)
	}
	if _, err := NewApp(ctx, appCloud(sb, certApp), AppCredential{CertificatePath: filepath.Join(t.TempDir(), "missing.pem")}); err == nil {
		t.Error("NewApp with a missing certificate file succeeded")
	}
}
