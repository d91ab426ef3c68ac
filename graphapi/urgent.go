package graphapi

import "context"

// A photo someone is waiting to see (the viewer's) must not queue behind
// a result list's avatar envelopes, each of which takes all four photo
// slots for a round of server work: at the window's start the first photo
// waited for three of them. A request whose context is marked Urgent skips
// the limiter's turn and takes the next free slot; it takes one slot only
// and holds none while it waits, so it cannot deadlock an envelope that is
// gathering its slots. It never takes more than the limiter's slots; just
// after the pacer shrinks the window it may take a slot a park was about
// to hold, for one request.

// urgentKey marks a context as urgent.
type urgentKey struct{}

// Urgent marks ctx so that its photo requests go before queued background
// work. Use it for what a person is looking at, never for bulk work.
func Urgent(ctx context.Context) context.Context {
	return context.WithValue(ctx, urgentKey{}, true)
}

// isUrgent reports whether ctx was marked by Urgent.
func isUrgent(ctx context.Context) bool {
	v, _ := ctx.Value(urgentKey{}).(bool)
	return v
}
