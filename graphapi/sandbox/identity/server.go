package identity

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server is a Provider listening over TLS on a loopback port, with the CA
// whose certificate it serves. The sandbox Graph server and tests start one.
type Server struct {
	Provider *Provider
	CA       *CA
	URL      string // "https://127.0.0.1:PORT"

	srv       *http.Server
	done      chan error
	closeOnce sync.Once
	closeErr  error
}

// Start makes a CA and a provider for cfg and serves the provider on addr
// ("127.0.0.1:0" picks a free port) until Close.
func Start(cfg Config, addr string) (*Server, error) {
	ca, err := NewCA()
	if err != nil {
		return nil, err
	}
	return StartWithCA(cfg, ca, addr)
}

// StartWithCA is Start with a CA the caller already has, so that one CA can
// sign the certificates of several sandbox listeners.
func StartWithCA(cfg Config, ca *CA, addr string) (*Server, error) {
	p, err := NewProvider(cfg)
	if err != nil {
		return nil, err
	}
	tlsCfg, err := ca.ServerTLSConfig()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("identity server: listen: %w", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	s := &Server{
		Provider: p,
		CA:       ca,
		URL:      fmt.Sprintf("https://127.0.0.1:%d", port),
		srv: &http.Server{
			Handler:           p.Handler(),
			TLSConfig:         tlsCfg,
			ReadHeaderTimeout: 10 * time.Second,
		},
		done: make(chan error, 1),
	}
	p.SetBaseURL(s.URL)
	go func() { s.done <- s.srv.ServeTLS(ln, "", "") }()
	return s, nil
}

// AuthorityURL is the authority MSAL takes for the sandbox tenant.
func (s *Server) AuthorityURL() string { return s.Provider.AuthorityURL() }

// HTTPClient trusts the server's CA only.
func (s *Server) HTTPClient() *http.Client { return s.CA.HTTPClient() }

// Close stops the server, waiting briefly for requests in flight. Closing
// twice is harmless.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := s.srv.Shutdown(ctx)
		if serveErr := <-s.done; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
			err = serveErr
		}
		if err != nil {
			s.closeErr = fmt.Errorf("identity server: close: %w", err)
		}
	})
	return s.closeErr
}
