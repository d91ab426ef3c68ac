package sandbox

// Seen is one logical request (a plain request or a $batch item) as the
// sandbox answered it, for tests that check who asked for what: that no
// request of a job started under one account is made with another's token.
type Seen struct {
	// Caller is whose token it carried: the user's UPN, or "app:" and the
	// client id for an application token; "" when no valid token came.
	Caller string
	Method string
	Path   string // escaped, after the version: "/users/a%40b/photos/48x48/$value"
	Kind   string // as Stats counts it (KindPhotoBytes, …)
	Status int
}

// Observe calls f with every logical request answered from now on, on the
// serving goroutine; nil stops observing.
func (h *Handler) Observe(f func(Seen)) {
	if f == nil {
		h.observer.Store(nil)
		return
	}
	h.observer.Store(&f)
}

// observe reports c, answered with status, to the observer if any.
func (h *Handler) observe(c *call, status int) {
	f := h.observer.Load()
	if f == nil {
		return
	}
	s := Seen{Method: c.method, Path: c.path, Kind: c.kind, Status: status}
	if cl := c.claims; cl != nil {
		s.Caller = cl.UPN
		if cl.IsApp() {
			s.Caller = "app:" + cl.AppID
		}
	}
	(*f)(s)
}
