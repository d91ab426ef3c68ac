package graphapi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// ErrEarlierTryUnanswered marks the error of a write that was retried
// after a try that got no answer (the connection dropped, a gateway's
// 504): that try may have been carried out, whatever the last one was
// told. A final "throttled" is Graph refusing the last try only; taken
// for "nothing changed", an upload that landed on its first try would be
// sent again, its backup then the upload itself, and an undo would walk
// past the change that replaced the person's photo.
var ErrEarlierTryUnanswered = errors.New("an earlier try got no answer, so it may have gone through")

// ErrNeverSent marks the error of a request none of whose tries left
// this machine: each failed before a connection was handed to it (a dial
// refused or timed out, a DNS lookup, a proxy refusing CONNECT, a TLS
// handshake, the token), so Graph saw no byte of it and cannot have
// carried it out. A try that had a connection is never counted, even one
// that failed before writing: whether it wrote is not certain.
var ErrNeverSent = errors.New("the request never left this machine")

// changes reports whether r may change something: not a read, nor a
// $batch envelope, whose items speak for themselves (see batchItem.finish).
func (r *request) changes() bool {
	return r.method != http.MethodGet && r.method != http.MethodHead && !strings.HasSuffix(r.url, "/$batch")
}

// failed is do's final error err for r: marked ErrEarlierTryUnanswered
// when r changes something and one of its tries got no answer.
func (r *request) failed(err error) error {
	if r.unanswered && r.changes() {
		return fmt.Errorf("%w (%w)", err, ErrEarlierTryUnanswered)
	}
	return err
}

// gaveUp is failed for an error do gives up on, or for its context's
// end while it waits between tries (never during a try, which may be
// writing when the context ends): marked ErrNeverSent too when no try of
// r had a connection.
func (r *request) gaveUp(err error) error {
	if !r.reached {
		err = fmt.Errorf("%w (%w)", err, ErrNeverSent)
	}
	return r.failed(err)
}

// finish makes a the item's final answer; the error of a write one of
// whose tries (or of whose envelopes) got no answer is marked
// ErrEarlierTryUnanswered, as do marks a request's.
func (it *batchItem) finish(a *BatchResponse) {
	write := it.req.Method != http.MethodGet && it.req.Method != http.MethodHead
	if a.Err != nil && it.unanswered && write && !errors.Is(a.Err, ErrEarlierTryUnanswered) {
		a.Err = fmt.Errorf("%w (%w)", a.Err, ErrEarlierTryUnanswered)
	}
	it.resp = a
}
