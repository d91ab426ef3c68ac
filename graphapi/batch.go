package graphapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MaxBatch is Graph's limit of requests in one $batch.
const MaxBatch = 20

// BatchRequest is one request inside a $batch. URL is relative to the API
// root ("/users/x/photos/48x48/$value"), already escaped. An empty ID is
// given one; an empty Method means GET.
type BatchRequest struct {
	ID      string
	Method  string
	URL     string
	Headers map[string]string
	// Body is sent with the request: JSON as it is when Headers name a
	// JSON Content-Type, anything else (a photo) as a base64 string, the
	// way JSON batching carries binary bodies.
	// https://learn.microsoft.com/graph/json-batching#request-format
	Body []byte
	// Tried is how often this request was sent already, in earlier Batch
	// calls: a caller that requeues a throttled item passes it on, so the
	// RetryPolicy's MaxAttempts bounds the item's tries in all.
	Tried int
}

// BatchResponse is the answer to one BatchRequest. Body is decoded: image
// bytes for a photo, raw JSON for JSON. Err is set for any failure of this
// item, an *Error for an HTTP status of 400 or more.
type BatchResponse struct {
	ID      string
	Status  int
	Headers map[string]string
	Body    []byte
	Err     error
	// Attempts is how often the request has been sent in all, Tried
	// included.
	Attempts int
	// RetryIn is set only by BatchOnce: the item was throttled or busy
	// with tries left, and may be sent again after this long (its
	// Retry-After, or the policy's backoff). Status and Err are that
	// answer's.
	RetryIn time.Duration
}

// Header looks up one of the item's headers, ignoring case as HTTP does.
func (r BatchResponse) Header(key string) string { return headerValue(r.Headers, key) }

// batchItem tracks one request across retry rounds.
type batchItem struct {
	req      BatchRequest
	attempts int
	due      time.Duration  // virtual time at which to send it again
	asked    bool           // that time is Graph's Retry-After, not a backoff
	photo    bool           // a photo request: it counts against the concurrent-photo limit
	resp     *BatchResponse // the final answer (see finish)
	last     *BatchResponse // the latest retryable answer, kept while waiting
	// unanswered: a try got no answer (left out of its envelope, a 504,
	// an envelope of it unanswered), so a write may have been carried out.
	unanswered bool
}

// lastResp is the answer to report when an item runs out of time.
func (it *batchItem) lastResp() *BatchResponse {
	if it.last != nil {
		return it.last
	}
	return &BatchResponse{ID: it.req.ID, Err: errors.New("batch: item never sent")}
}

// Batch sends reqs through POST /$batch, 20 per envelope, and returns one
// response per request in the same order. Items throttled (429) or busy
// (503/504) are sent again after their own Retry-After (or a backoff),
// within the client's RetryPolicy; an item that runs out of tries keeps its
// last answer, so nothing is lost. Envelopes holding photo requests take
// one limiter slot per photo item. The error is for the call as a whole:
// bad requests or the context ending.
func (c *Client) Batch(ctx context.Context, reqs []BatchRequest) ([]BatchResponse, error) {
	return c.batch(ctx, reqs, false)
}

// BatchOnce is Batch without its item waits: every request is sent once,
// and an item throttled or busy with tries left comes back with RetryIn set
// instead of being sent again. (An envelope refused as a whole, or lost
// to the network, is still retried inside, as every request is.) A caller with a queue of work (export)
// requeues such items and goes on sending, rather than holding a whole
// envelope's worker through one item's Retry-After. Pass an item's
// Attempts back as Tried, so the RetryPolicy's MaxAttempts still bounds
// its tries in all.
func (c *Client) BatchOnce(ctx context.Context, reqs []BatchRequest) ([]BatchResponse, error) {
	return c.batch(ctx, reqs, true)
}

func (c *Client) batch(ctx context.Context, reqs []BatchRequest, once bool) ([]BatchResponse, error) {
	if len(reqs) == 0 {
		return nil, nil
	}
	items, err := newBatchItems(reqs)
	if err != nil {
		return nil, err
	}
	p := c.retry
	var now time.Duration // virtual time: the sum of waits so far
	for {
		var send []*batchItem
		for _, it := range items {
			if it.resp == nil && it.due <= now {
				send = append(send, it)
			}
		}
		if err := c.sendRound(ctx, send, now); err != nil {
			return nil, err
		}
		next, waiting, asked := time.Duration(-1), false, false
		for _, it := range items {
			if it.resp != nil {
				continue
			}
			waiting = true
			if next < 0 || it.due < next {
				next, asked = it.due, it.asked
			}
		}
		if !waiting {
			break
		}
		if once {
			for _, it := range items {
				if it.resp == nil && it.last != nil {
					it.last.RetryIn = max(it.due-now, time.Millisecond)
				}
			}
			giveUp(items)
			break
		}
		if next-now > 0 {
			if next > p.MaxWait {
				giveUp(items)
				break
			}
			// Retries of one round drift apart by their jitter; wait a
			// little longer for those due soon after, and send them in
			// one envelope rather than one each. None is sent early.
			next, asked = gatherDue(items, next, min(p.MaxWait, next+(next-now)/gatherWindow), asked)
			if err := p.Sleep(withRetryAfter(ctx, asked), next-now); err != nil {
				return nil, fmt.Errorf("batch: %w", err)
			}
			now = next
		}
	}
	out := make([]BatchResponse, len(items))
	for i, it := range items {
		out[i] = *it.resp
		out[i].Attempts = it.attempts
	}
	return out, nil
}

// gatherWindow is how much longer a retry round waits, past its first
// item's due time, for items due soon after, as a share of that wait.
const gatherWindow = 4 // a quarter

// gatherDue is the time to send the next round: next, or as late as limit
// so items due by then go along.
func gatherDue(items []*batchItem, next, limit time.Duration, asked bool) (time.Duration, bool) {
	at := next
	for _, it := range items {
		if it.resp == nil && it.due > at && it.due <= limit {
			at = it.due
			asked = asked || it.asked
		}
	}
	return at, asked
}

func newBatchItems(reqs []BatchRequest) ([]*batchItem, error) {
	items := make([]*batchItem, len(reqs))
	seen := make(map[string]bool, len(reqs))
	for _, r := range reqs {
		if r.ID != "" {
			if seen[r.ID] {
				return nil, fmt.Errorf("batch: duplicate request id %q", r.ID)
			}
			seen[r.ID] = true
		}
	}
	auto := 0
	for i, r := range reqs {
		for r.ID == "" {
			auto++
			if id := strconv.Itoa(auto); !seen[id] {
				r.ID = id
				seen[id] = true
			}
		}
		if r.Method == "" {
			r.Method = http.MethodGet
		}
		if !strings.HasPrefix(r.URL, "/") {
			r.URL = "/" + r.URL
		}
		items[i] = &batchItem{req: r, attempts: r.Tried, photo: isPhotoPath(r.URL)}
	}
	return items, nil
}

// giveUp turns the last retryable answer of every waiting item into its
// final one.
func giveUp(items []*batchItem) {
	for _, it := range items {
		if it.resp == nil {
			it.finish(it.lastResp())
		}
	}
}

// sendRound posts items in envelopes of MaxBatch, concurrently, and records
// each item's answer or its next due time.
// At most limiter-size envelopes are in flight, photo or not.
func (c *Client) sendRound(ctx context.Context, items []*batchItem, now time.Duration) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	par := make(chan struct{}, c.limiter.size())
	per := MaxBatch
	if hasPhotos(items) {
		per = c.limiter.envelopeItems() // smaller when the server allows fewer photos at once
	}
	for start := 0; start < len(items); start += per {
		chunk := items[start:min(start+per, len(items))]
		wg.Go(func() {
			select {
			case par <- struct{}{}:
				defer func() { <-par }()
			case <-ctx.Done():
				mu.Lock()
				errs = append(errs, fmt.Errorf("batch: %w", ctx.Err()))
				mu.Unlock()
				return
			}
			if err := c.sendEnvelope(ctx, chunk, now); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// sendEnvelope posts one $batch. A failed envelope (after do's own retries)
// fails each of its items, except when the context ended.
func (c *Client) sendEnvelope(ctx context.Context, chunk []*batchItem, now time.Duration) error {
	wire := make([]wireBatchRequest, len(chunk))
	photos := 0
	byID := make(map[string]*batchItem, len(chunk))
	for i, it := range chunk {
		wire[i] = wireBatchRequest{ID: it.req.ID, Method: it.req.Method, URL: it.req.URL, Headers: it.req.Headers, Body: wireBody(it.req)}
		if it.photo {
			photos++
		}
		byID[it.req.ID] = it
		it.attempts++
	}
	body, err := json.Marshal(map[string]any{"requests": wire})
	if err != nil {
		return fmt.Errorf("encode batch: %w", err)
	}
	envelope := &request{method: http.MethodPost, url: c.url("/$batch"), body: body, photoSlots: photos}
	resp, err := c.do(ctx, envelope)
	if ctx.Err() != nil {
		return fmt.Errorf("batch: %w", ctx.Err())
	}
	for _, it := range chunk {
		it.unanswered = it.unanswered || envelope.unanswered
	}
	var answers []BatchResponse
	if err == nil {
		answers, err = decodeBatch(resp.body, c.retry.Now())
	}
	if err != nil {
		status := 0
		if ge, ok := asError(err); ok {
			status = ge.Status
		}
		for _, it := range chunk {
			it.finish(&BatchResponse{ID: it.req.ID, Status: status, Err: fmt.Errorf("batch: %w", err)})
		}
		return nil
	}
	for i := range answers {
		a := answers[i]
		it := byID[a.ID]
		if it == nil {
			continue // an id we did not send: ignore rather than trust it
		}
		delete(byID, a.ID)
		if ge, ok := asError(a.Err); ok {
			// The method tells a refused upload's bare 404 (an
			// Entra-only person's photo over ~100 KB) from "no photo".
			ge.URL, ge.Method = c.url(it.req.URL), it.req.Method
		}
		c.settle(it, &a, now)
	}
	for _, it := range byID { // sent but not answered: try again, never drop
		c.settle(it, &BatchResponse{ID: it.req.ID, Err: fmt.Errorf("batch: no response for item %s", it.req.ID)}, now)
	}
	return nil
}

// settle records a final answer, or schedules another try for a retryable
// one while tries remain.
func (c *Client) settle(it *batchItem, a *BatchResponse, now time.Duration) {
	p := c.retry
	it.unanswered = it.unanswered || a.Status == 0 || a.Status == http.StatusGatewayTimeout
	retry := a.Status == 0 || retryableStatus(a.Status)
	if !retry || it.attempts >= p.MaxAttempts {
		it.finish(a)
		return
	}
	wait, asked := p.backoff(it.attempts), false
	if ra := headerValue(a.Headers, "Retry-After"); ra != "" {
		if d, ok := parseRetryAfter(ra, p.Now()); ok {
			wait, asked = d, true
		}
	}
	it.asked = asked
	it.last = a
	it.due = now + wait
}

// hasPhotos reports whether any item is a photo request.
func hasPhotos(items []*batchItem) bool {
	for _, it := range items {
		if it.photo {
			return true
		}
	}
	return false
}

// isPhotoPath reports whether a relative URL addresses a photo route, which
// counts against the concurrent-photo limit.
func isPhotoPath(u string) bool {
	path, _, _ := strings.Cut(u, "?")
	for seg := range strings.SplitSeq(path, "/") {
		if seg == "photo" || seg == "photos" {
			return true
		}
	}
	return false
}
