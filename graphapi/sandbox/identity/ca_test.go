package identity

import (
	"crypto/x509"
	"encoding/pem"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestCAServesTLSOnLoopback(t *testing.T) {
	ca, err := NewCA()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := ca.ServerTLSConfig()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok"))
	}))
	srv.TLS = cfg
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the untrusting client's handshake failure is expected
	srv.StartTLS()
	defer srv.Close()

	resp, err := ca.HTTPClient().Get(srv.URL)
	if err != nil {
		t.Fatalf("client trusting the CA: %v", err)
	}
	_ = resp.Body.Close()

	other, err := NewCA()
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := other.HTTPClient().Get(srv.URL); err == nil {
		_ = resp.Body.Close()
		t.Fatal("a client trusting another CA connected")
	}

	block, _ := pem.Decode(ca.CertPEM())
	if block == nil {
		t.Fatal("CertPEM is not PEM")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil || !cert.IsCA {
		t.Fatalf("CertPEM: %v, IsCA=%v", err, cert != nil && cert.IsCA)
	}
}

func TestServerCertificateNamesHosts(t *testing.T) {
	ca, err := NewCA()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := ca.ServerTLSConfig("localhost", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(cfg.Certificates[0].Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	opts := x509.VerifyOptions{Roots: ca.CertPool()}
	for _, h := range []string{"localhost", "127.0.0.1"} {
		opts.DNSName = h
		if _, err := leaf.Verify(opts); err != nil {
			t.Errorf("%s: %v", h, err)
		}
	}
	opts.DNSName = "example.com"
	if _, err := leaf.Verify(opts); err == nil {
		t.Error("certificate valid for example.com")
	}
}
