package graphapi

import "context"

// retryAfterKey marks, on the context a RetryPolicy's Sleep gets, a wait
// that Graph asked for with a Retry-After header (rather than a backoff
// the client chose), so whoever watches the waits can tell them apart.
type retryAfterKey struct{}

// withRetryAfter marks ctx as a wait Graph asked for.
func withRetryAfter(ctx context.Context, asked bool) context.Context {
	if !asked {
		return ctx
	}
	return context.WithValue(ctx, retryAfterKey{}, true)
}

// IsRetryAfterWait reports whether the wait a RetryPolicy's Sleep was
// given ctx for is one Graph asked for with Retry-After.
func IsRetryAfterWait(ctx context.Context) bool {
	asked, _ := ctx.Value(retryAfterKey{}).(bool)
	return asked
}
