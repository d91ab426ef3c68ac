package session

import "context"

// pageShownKey keys the hook WithSignInPageShown puts in a context.
type pageShownKey struct{}

// WithSignInPageShown is ctx carrying shown, which SignInBrowser calls just
// before it opens the sign-in page: once Entra ID has answered and the
// page's address is known. Until then a window can only say it is
// connecting — on a network that does not answer, "your browser shows the
// sign-in page" would be untrue for as long as the wait lasts.
func WithSignInPageShown(ctx context.Context, shown func()) context.Context {
	return context.WithValue(ctx, pageShownKey{}, shown)
}

// signInPageShown calls ctx's WithSignInPageShown hook, if any.
func signInPageShown(ctx context.Context) {
	if shown, ok := ctx.Value(pageShownKey{}).(func()); ok && shown != nil {
		shown()
	}
}
