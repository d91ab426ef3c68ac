package app

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"

	"github.com/photodesk/photodesk/graphapi"
)

// ConnectionTrouble words the failures a company network puts between
// this computer and service ("Microsoft Graph", "Microsoft's sign-in
// service (login.microsoftonline.com)"): a certificate this computer does
// not trust, as when a proxy inspects HTTPS with a root certificate of its
// own; an answer that is not TLS at all; a proxy refusing the tunnel
// (graphapi.ProxyError). Go's own words for them ("x509: certificate
// signed by unknown authority", "Proxy Authentication Required") say
// neither what failed nor what to do; they are kept in brackets for
// support. ok is false for any other error.
func ConnectionTrouble(err error, service string) (words string, ok bool) {
	var proxy *graphapi.ProxyError
	if errors.As(err, &proxy) {
		return proxyRefused(proxy, service), true
	}
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	untrusted := "The connection to " + service + " is not trusted: its certificate "
	switch {
	case errors.As(err, &unknown):
		by := "an authority"
		if unknown.Cert != nil && unknown.Cert.Issuer.CommonName != "" {
			by = fmt.Sprintf("%q, an authority", unknown.Cert.Issuer.CommonName)
		}
		return untrusted + "was signed by " + by + " this computer does not trust (" + unknown.Error() + "). " + inspectingProxy, true
	case errors.As(err, &host):
		return untrusted + "is for another server (" + host.Error() + "): a proxy or a network filter may be answering in its place. " +
			"If your company's proxy inspects HTTPS, ask your IT department.", true
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return untrusted + "has expired or is not valid yet (" + invalid.Error() + "). " +
			"Check that this computer's date and time are right; if they are, ask your IT department.", true
	case errors.As(err, &invalid):
		return untrusted + "is not valid (" + invalid.Error() + "). " + inspectingProxy, true
	case errors.As(err, &verify):
		// The platform verifiers (Windows, macOS) may report a refusal
		// of their own words rather than one of x509's types.
		why := verify.Error()
		if verify.Err != nil {
			why = verify.Err.Error()
		}
		return untrusted + "could not be verified (" + why + "). " + inspectingProxy, true
	case errors.As(err, &record):
		return notTLS(service, record.Error()), true
	case httpForHTTPS(err):
		return notTLS(service, errHTTPForHTTPS), true
	}
	return "", false
}

// notTLS words an answer that was not TLS where service's was to be.
func notTLS(service, why string) string {
	return "Something other than " + service + " answered: the connection should have been secure (HTTPS) and the answer was not (" + why + "). " +
		"Check the proxy setting (HTTPS_PROXY) and the address, or ask your IT department."
}

// errHTTPForHTTPS is net/http's words for a tls.RecordHeaderError whose
// record looks like plain HTTP: it reports that text alone, untyped.
const errHTTPForHTTPS = "http: server gave HTTP response to HTTPS client"

// httpForHTTPS reports net/http's plain-HTTP answer to an HTTPS request.
func httpForHTTPS(err error) bool {
	var u *url.Error
	return errors.As(err, &u) && u.Err != nil && u.Err.Error() == errHTTPForHTTPS
}

// inspectingProxy is what to do about a certificate this computer does not
// trust: in a company it is nearly always a proxy inspecting HTTPS.
const inspectingProxy = "If your company's proxy inspects HTTPS, its root certificate must be installed on this computer; ask your IT department."

// proxyRefused words a proxy's refusal of the tunnel to service.
func proxyRefused(e *graphapi.ProxyError, service string) string {
	proxy, status := "The proxy", fmt.Sprintf("%d %s", e.Status, e.Reason)
	if e.Proxy != "" {
		proxy += " (" + e.Proxy + ")"
	}
	target := service
	if h, _, err := net.SplitHostPort(e.Target); err == nil && h != "" {
		target = h
	}
	switch {
	case e.Status == http.StatusProxyAuthRequired && e.SentCredentials:
		return proxy + " did not accept the user name and password in the proxy setting (" + status + "), so Photo Desk cannot reach " + service + ". " +
			"Check them in HTTPS_PROXY, or ask your IT department."
	case e.Status == http.StatusProxyAuthRequired:
		// net/http sends a proxy only the Basic credentials of the
		// proxy URL: no Windows (Negotiate, NTLM) sign-in.
		return proxy + " wants a sign-in before it lets Photo Desk through to " + service + " (" + status + "), and Photo Desk cannot give one: " +
			"it cannot sign in to a proxy with your Windows or network account. Ask your IT department to let Photo Desk reach " + target +
			" without a proxy sign-in, or to give you a proxy user name and password for the proxy setting (HTTPS_PROXY=http://user:password@proxy:port)."
	case e.Status == http.StatusForbidden:
		return proxy + " does not let this computer reach " + service + " (" + status + "). Ask your IT department to allow connections to " + target + "."
	case e.Status >= 500:
		return proxy + " could not connect to " + service + " (" + status + "). Try again in a moment; if it keeps failing, ask your IT department."
	}
	return proxy + " refused to connect to " + service + " (" + status + "). Ask your IT department."
}
