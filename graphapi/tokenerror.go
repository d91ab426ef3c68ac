package graphapi

// TokenError is a request's failure to get an access token from its
// TokenSource, before anything was sent to Graph: the sign-in service
// (login.microsoftonline.com, a national cloud's, or the sandbox's
// identity endpoint) could not be reached, or refused. Err is the token
// source's error; an *url.Error in it names the sign-in host. Graph may
// well be reachable when the sign-in service is not (a firewall that
// lets only graph.microsoft.com through), so callers test for it with
// errors.As before wording a network failure as Graph's.
type TokenError struct{ Err error }

func (e *TokenError) Error() string { return "get token: " + e.Err.Error() }

// Unwrap gives the token source's error, for errors.Is and errors.As.
func (e *TokenError) Unwrap() error { return e.Err }
