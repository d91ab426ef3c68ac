package auth

import (
	"strings"
	"testing"
)

func TestCloudValidate(t *testing.T) {
	good := Cloud{Kind: Microsoft365, TenantID: "contoso.onmicrosoft.com", ClientID: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}.WithDefaults()
	if err := good.Validate(); err != nil {
		t.Fatalf("good cloud: %v", err)
	}
	if good.AuthorityURL() != "https://login.microsoftonline.com/contoso.onmicrosoft.com" || good.APIVersion != "v1.0" {
		t.Errorf("defaults: %+v %s", good, good.AuthorityURL())
	}
	for _, tc := range []struct {
		name   string
		change func(*Cloud)
		want   string
	}{
		{"no tenant", func(c *Cloud) { c.TenantID = "" }, "tenant: enter the directory (tenant) ID"},
		{"bad tenant", func(c *Cloud) { c.TenantID = "contoso" }, `tenant: "contoso" is not a GUID`},
		{"no client", func(c *Cloud) { c.ClientID = "" }, "client ID: enter the Application (client) ID"},
		{"client is a name", func(c *Cloud) { c.ClientID = "Photo Desk" }, `client ID: "Photo Desk" is not a GUID`},
		{"host with path", func(c *Cloud) { c.AuthorityHost = "login.microsoftonline.com/common" }, "should be a host name only"},
		{"no host", func(c *Cloud) { c.AuthorityHost = "" }, "authority: enter the sign-in host"},
		{"api version", func(c *Cloud) { c.APIVersion = "v2" }, `API version: "v2" is not v1.0 or beta`},
		{"kind", func(c *Cloud) { c.Kind = "azure" }, `cloud: "azure" is neither`},
		// A typo used to be taken and mapped to the global Graph.
		{"typo in the host", func(c *Cloud) { c.AuthorityHost = "login.microsoftonline.uss" }, `authority: "login.microsoftonline.uss" is unknown; use login.microsoftonline.com, login.microsoftonline.us,`},
		{"not Entra ID", func(c *Cloud) { c.AuthorityHost = "login.example.com" }, "login.chinacloudapi.cn or login.partner.microsoftonline.cn"},
		{"remote sandbox", func(c *Cloud) { c.Kind = Sandbox; c.AuthorityHost = "sandbox.example.com:443" }, "the sandbox runs on this computer"},
	} {
		c := good
		tc.change(&c)
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Validate = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// Every Entra ID cloud Photo Desk knows the Graph of is taken, in any case;
// the sandbox's local authority is, too.
func TestKnownAuthorityHostsAreTaken(t *testing.T) {
	for _, h := range []string{"login.microsoftonline.com", "login.microsoft.com", "login.microsoftonline.us", "Login.MicrosoftOnline.US", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn"} {
		c := Cloud{Kind: Microsoft365, TenantID: "contoso.onmicrosoft.com", ClientID: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", AuthorityHost: h}.WithDefaults()
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", h, err)
		}
	}
	if _, err := SandboxCloud("https://127.0.0.1:8443/4a2f6c1e-8b3d-4e5f-9a1b-2c3d4e5f6a7b", "5e0c7b1a-2f4d-4c8e-9b6a-7d3e1f2a4c5b"); err != nil {
		t.Errorf("the sandbox: %v", err)
	}
}

func TestCloudWithDefaultsCleansInput(t *testing.T) {
	c := Cloud{
		Kind: Microsoft365, TenantID: " 72f988bf-86f1-41af-91ab-2d7cd011db47 ", ClientID: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\n",
		AuthorityHost: "https://login.microsoftonline.us/", APIVersion: "beta",
	}.WithDefaults()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.AuthorityHost != "login.microsoftonline.us" || c.TenantID != "72f988bf-86f1-41af-91ab-2d7cd011db47" {
		t.Errorf("cleaned = %+v", c)
	}
	if c.GraphBaseURL() != "https://graph.microsoft.us/beta" {
		t.Errorf("GraphBaseURL = %s", c.GraphBaseURL())
	}
	if c.scope("User.ReadBasic.All") != "https://graph.microsoft.us/User.ReadBasic.All" || c.appScope() != "https://graph.microsoft.us/.default" {
		t.Errorf("national cloud scopes: %s %s", c.scope("User.ReadBasic.All"), c.appScope())
	}
	global := Cloud{Kind: Microsoft365}.WithDefaults()
	if global.scope("User.ReadBasic.All") != "User.ReadBasic.All" {
		t.Errorf("global scope = %s", global.scope("User.ReadBasic.All"))
	}
	if (Cloud{}).WithDefaults().Kind != Sandbox {
		t.Error("the default cloud is not the sandbox")
	}
}

func TestSandboxCloud(t *testing.T) {
	c, err := SandboxCloud("https://127.0.0.1:8443/4a2f6c1e-8b3d-4e5f-9a1b-2c3d4e5f6a7b", "5e0c7b1a-2f4d-4c8e-9b6a-7d3e1f2a4c5b")
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != Sandbox || c.AuthorityURL() != "https://127.0.0.1:8443/4a2f6c1e-8b3d-4e5f-9a1b-2c3d4e5f6a7b" {
		t.Errorf("sandbox cloud = %+v", c)
	}
	for _, bad := range []string{"http://127.0.0.1:8443/t", "https://example.com/4a2f6c1e-8b3d-4e5f-9a1b-2c3d4e5f6a7b", "::"} {
		if _, err := SandboxCloud(bad, "5e0c7b1a-2f4d-4c8e-9b6a-7d3e1f2a4c5b"); err == nil {
			t.Errorf("SandboxCloud(%q) succeeded", bad)
		}
	}
}

func TestKeyringNamesSeparateClouds(t *testing.T) {
	a := Cloud{Kind: Microsoft365, TenantID: "contoso.onmicrosoft.com", ClientID: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}
	b := a
	b.TenantID = "fabrikam.onmicrosoft.com"
	s1, _ := SandboxCloud("https://127.0.0.1:1111/t.example.com", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
	s2, _ := SandboxCloud("https://127.0.0.1:2222/t.example.com", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
	if keyringName(a) == keyringName(b) {
		t.Error("two tenants share a keyring entry")
	}
	if keyringName(s1) != keyringName(s2) {
		t.Error("the sandbox's keyring entry depends on its port")
	}
}
