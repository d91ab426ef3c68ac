package identity

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"

	"github.com/photodesk/photodesk/internal/testkit"
)

const (
	testPublicClient = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
	testDaemon       = "11111111-2222-3333-4444-555555555555"
)

// startTestServer serves a provider for cfg on a loopback port until the
// test ends.
func startTestServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	s, err := Start(cfg, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func newPublicClient(t *testing.T, s *Server) public.Client {
	t.Helper()
	pc, err := public.New(testPublicClient,
		public.WithAuthority(s.AuthorityURL()),
		public.WithHTTPClient(s.HTTPClient()),
		public.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	return pc
}

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func signInByDeviceCode(t *testing.T, ctx context.Context, pc public.Client, scopes ...string) public.AuthResult {
	t.Helper()
	dc, err := pc.AcquireTokenByDeviceCode(ctx, scopes)
	if err != nil {
		t.Fatalf("AcquireTokenByDeviceCode: %v", err)
	}
	if dc.Result.UserCode == "" || !strings.Contains(dc.Result.Message, dc.Result.UserCode) {
		t.Errorf("device code result = %+v", dc.Result)
	}
	res, err := dc.AuthenticationResult(ctx)
	if err != nil {
		t.Fatalf("device code AuthenticationResult: %v", err)
	}
	return res
}

func TestMSALDeviceCode(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	ctx := testContext(t)
	res := signInByDeviceCode(t, ctx, newPublicClient(t, s), "User.ReadBasic.All")

	c, err := s.Provider.Verify(res.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if c.UPN != DemoUPN || !c.HasScope("User.ReadBasic.All") || c.AppID != testPublicClient {
		t.Errorf("claims = %+v", c)
	}
	if res.Account.PreferredUsername != DemoUPN || res.Account.HomeAccountID != testDemo.ObjectID+"."+testTenant {
		t.Errorf("account = %+v", res.Account)
	}
	if st := s.Provider.Stats(); st.DeviceCodes != 1 || st.DevicePolls != 2 {
		t.Errorf("stats = %+v, want one code approved on the second poll", st)
	}
}

func TestMSALDeviceCodeApprovedForAnotherAccount(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	ctx := testContext(t)
	dc, err := newPublicClient(t, s).AcquireTokenByDeviceCode(ctx, []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Provider.ApproveDevice(dc.Result.UserCode, testAdele.UPN); err != nil {
		t.Fatal(err)
	}
	res, err := dc.AuthenticationResult(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Account.PreferredUsername != testAdele.UPN {
		t.Errorf("signed in %q, want %q", res.Account.PreferredUsername, testAdele.UPN)
	}
	if st := s.Provider.Stats(); st.DevicePolls != 1 {
		t.Errorf("polls = %d, want 1 (approved before the first poll)", st.DevicePolls)
	}
}

func TestMSALInteractive(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	ctx := testContext(t)
	pc := newPublicClient(t, s)
	var opened string
	res, err := pc.AcquireTokenInteractive(ctx, []string{"User.ReadBasic.All", "Contacts.Read"},
		public.WithOpenURL(func(u string) error {
			opened = u
			return PlayBrowser(ctx, s.HTTPClient(), u)
		}))
	if err != nil {
		t.Fatalf("AcquireTokenInteractive: %v", err)
	}
	for _, want := range []string{"code_challenge_method=S256", "response_mode=form_post", "redirect_uri=http%3A%2F%2Flocalhost"} {
		if !strings.Contains(opened, want) {
			t.Errorf("authorize URL %s lacks %s", opened, want)
		}
	}
	c, err := s.Provider.Verify(res.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if c.UPN != DemoUPN || !c.HasScope("Contacts.Read") || !c.HasScope("User.ReadBasic.All") || c.HasScope("Group.Read.All") {
		t.Errorf("claims = %+v", c)
	}
	if st := s.Provider.Stats(); st.Authorize != 1 || st.AuthCode != 1 {
		t.Errorf("stats = %+v", st)
	}

	// A second person signs in to the same client with a login hint.
	res2, err := pc.AcquireTokenInteractive(ctx, []string{"User.ReadBasic.All"},
		public.WithLoginHint(testAdele.UPN),
		public.WithOpenURL(func(u string) error { return PlayBrowser(ctx, s.HTTPClient(), u) }))
	if err != nil {
		t.Fatal(err)
	}
	if res2.Account.PreferredUsername != testAdele.UPN {
		t.Errorf("login_hint sign-in got %q", res2.Account.PreferredUsername)
	}
	accts, err := pc.Accounts(ctx)
	if err != nil || len(accts) != 2 {
		t.Errorf("Accounts = %v, %v; want both people", accts, err)
	}
}

func TestMSALInteractiveUnknownLoginHintFails(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	ctx := testContext(t)
	_, err := newPublicClient(t, s).AcquireTokenInteractive(ctx, []string{"User.Read"},
		public.WithLoginHint("nobody@contoso.onmicrosoft.com"),
		public.WithOpenURL(func(u string) error {
			// The page posts the error to the app; MSAL reports it.
			err := PlayBrowser(ctx, s.HTTPClient(), u)
			if err == nil || !strings.Contains(err.Error(), "AADSTS50034") {
				t.Errorf("PlayBrowser = %v, want AADSTS50034", err)
			}
			return nil
		}))
	if err == nil || !strings.Contains(err.Error(), "AADSTS50034") {
		t.Fatalf("AcquireTokenInteractive = %v, want AADSTS50034", err)
	}
}

func TestMSALSilentRefreshAfterExpiry(t *testing.T) {
	clk := testkit.NewClockAt(time.Now())
	cfg := testConfig(clk)
	// MSAL treats a token with less than five minutes left as expired, so a
	// two-minute lifetime makes every silent call redeem the refresh token.
	cfg.TokenTTL = 2 * time.Minute
	s := startTestServer(t, cfg)
	ctx := testContext(t)
	pc := newPublicClient(t, s)
	first := signInByDeviceCode(t, ctx, pc, "User.ReadBasic.All")

	clk.Advance(3 * time.Minute)
	if _, err := s.Provider.Verify(first.AccessToken); err == nil {
		t.Fatal("the first token still verifies after its lifetime")
	}
	again, err := pc.AcquireTokenSilent(ctx, []string{"User.ReadBasic.All"}, public.WithSilentAccount(first.Account))
	if err != nil {
		t.Fatalf("AcquireTokenSilent: %v", err)
	}
	if again.AccessToken == first.AccessToken {
		t.Fatal("silent call returned the expired token")
	}
	if _, err := s.Provider.Verify(again.AccessToken); err != nil {
		t.Fatalf("refreshed token: %v", err)
	}
	if st := s.Provider.Stats(); st.Refresh != 1 {
		t.Errorf("refresh grants = %d, want 1", st.Refresh)
	}
}

func TestMSALSilentUsesCacheWhileValid(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	ctx := testContext(t)
	pc := newPublicClient(t, s)
	first := signInByDeviceCode(t, ctx, pc, "User.ReadBasic.All")
	again, err := pc.AcquireTokenSilent(ctx, []string{"User.ReadBasic.All"}, public.WithSilentAccount(first.Account))
	if err != nil {
		t.Fatal(err)
	}
	if again.AccessToken != first.AccessToken || s.Provider.Stats().Refresh != 0 {
		t.Error("a valid cached token was not reused")
	}
}

func TestMSALIncrementalScopes(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	ctx := testContext(t)
	pc := newPublicClient(t, s)
	first := signInByDeviceCode(t, ctx, pc, "User.ReadBasic.All")
	more, err := pc.AcquireTokenSilent(ctx, []string{"Group.Read.All"}, public.WithSilentAccount(first.Account))
	if err != nil {
		t.Fatalf("silent for a new scope: %v", err)
	}
	c, err := s.Provider.Verify(more.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if !c.HasScope("Group.Read.All") || !c.HasScope("User.ReadBasic.All") {
		t.Errorf("scopes after consenting to more = %v", c.Scopes)
	}
}

func TestMSALClientCredentialsSecret(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	ctx := testContext(t)
	newApp := func(secret string) confidential.Client {
		cred, err := confidential.NewCredFromSecret(secret)
		if err != nil {
			t.Fatal(err)
		}
		cc, err := confidential.New(s.AuthorityURL(), testDaemon, cred,
			confidential.WithHTTPClient(s.HTTPClient()), confidential.WithInstanceDiscovery(false))
		if err != nil {
			t.Fatal(err)
		}
		return cc
	}
	res, err := newApp("s3cret~value").AcquireTokenByCredential(ctx, []string{"https://graph.microsoft.com/.default"})
	if err != nil {
		t.Fatalf("AcquireTokenByCredential: %v", err)
	}
	c, err := s.Provider.Verify(res.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if !c.IsApp() || c.AppID != testDaemon || !c.HasScope("User.Read.All") || c.HasScope("Group.Read.All") {
		t.Errorf("claims = %+v", c)
	}

	_, err = newApp("wrong").AcquireTokenByCredential(ctx, []string{"https://graph.microsoft.com/.default"})
	if err == nil || !strings.Contains(err.Error(), "AADSTS7000215") {
		t.Errorf("wrong secret: %v, want AADSTS7000215", err)
	}
	_, err = newApp("s3cret~value").AcquireTokenByCredential(ctx, []string{"User.Read.All"})
	if err == nil || !strings.Contains(err.Error(), "AADSTS1002012") {
		t.Errorf("scope without /.default: %v, want AADSTS1002012", err)
	}
}

func TestMSALClientCredentialsCertificate(t *testing.T) {
	cert, key := selfSignedCert(t)
	other, otherKey := selfSignedCert(t)
	cfg := testConfig(nil)
	cfg.Apps["22222222-3333-4444-5555-666666666666"] = App{Roles: []string{"User.Read.All"}, Certificates: []*x509.Certificate{cert}}
	s := startTestServer(t, cfg)
	ctx := testContext(t)
	acquire := func(c *x509.Certificate, k *rsa.PrivateKey) error {
		cred, err := confidential.NewCredFromCert([]*x509.Certificate{c}, k)
		if err != nil {
			t.Fatal(err)
		}
		cc, err := confidential.New(s.AuthorityURL(), "22222222-3333-4444-5555-666666666666", cred,
			confidential.WithHTTPClient(s.HTTPClient()), confidential.WithInstanceDiscovery(false))
		if err != nil {
			t.Fatal(err)
		}
		res, err := cc.AcquireTokenByCredential(ctx, []string{"https://graph.microsoft.com/.default"})
		if err != nil {
			return err
		}
		_, err = s.Provider.Verify(res.AccessToken)
		return err
	}
	if err := acquire(cert, key); err != nil {
		t.Fatalf("registered certificate: %v", err)
	}
	if err := acquire(other, otherKey); err == nil || !strings.Contains(err.Error(), "AADSTS700027") {
		t.Errorf("unregistered certificate: %v, want AADSTS700027", err)
	}
}

func selfSignedCert(t *testing.T) (*x509.Certificate, *rsa.PrivateKey) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "photodesk daemon"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key
}
