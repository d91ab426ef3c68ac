package sandbox

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
)

// Limits of JSON batching.
const (
	maxBatchRequests    = 20
	maxBatchPhotoAtOnce = 4 // Outlook-backed items run at most 4 at a time in one batch
)

// batchRequest is one item of a $batch body.
type batchRequest struct {
	ID        string            `json:"id"`
	Method    string            `json:"method"`
	URL       string            `json:"url"`
	Headers   map[string]string `json:"headers"`
	Body      json.RawMessage   `json:"body"`
	DependsOn []string          `json:"dependsOn"`
}

// serveBatch answers POST /$batch: the envelope is 200 once it parses and
// each item carries its own status, headers and body, photo bytes as base64.
func (h *Handler) serveBatch(c *call) *reply {
	c.kind = KindBatch
	rep := h.batch(c)
	h.counters.count(KindBatch, rep.status)
	return rep
}

func (h *Handler) batch(c *call) *reply {
	if c.method != http.MethodPost {
		return c.fail(http.StatusMethodNotAllowed, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.")
	}
	if rep := h.authenticate(c); rep != nil {
		return rep
	}
	var env struct {
		Requests []batchRequest `json:"requests"`
	}
	if err := json.Unmarshal(c.body, &env); err != nil {
		return c.fail(http.StatusBadRequest, "BadRequest", "Invalid batch payload format.")
	}
	if rep := c.checkBatch(env.Requests); rep != nil {
		return rep
	}
	replies := make([]*reply, len(env.Requests))
	done := make(map[string]chan struct{}, len(env.Requests))
	index := make(map[string]int, len(env.Requests))
	for i, r := range env.Requests {
		done[r.ID], index[r.ID] = make(chan struct{}), i
	}
	photoSlots := make(chan struct{}, maxBatchPhotoAtOnce)
	responses := make([]any, len(env.Requests))
	var wg sync.WaitGroup
	for i, r := range env.Requests {
		wg.Go(func() {
			replies[i] = func() *reply {
				for _, dep := range r.DependsOn {
					<-done[dep]
					if replies[index[dep]].status >= 400 {
						rep := c.fail(http.StatusFailedDependency, "FailedDependency", "Failed dependency")
						h.counters.countItem(KindOther, rep.status)
						return rep
					}
				}
				return h.serveInBatch(c, h.batchItem(c, r), photoSlots)
			}()
			close(done[r.ID]) // its dependants need its status, not its encoding
			// Encoded here, while the envelope's other items are still
			// being served: encoded after the last one, 20 photos took
			// milliseconds that a client counts as the server's time.
			responses[i] = encodeBatchResponse(r.ID, replies[i])
		})
	}
	wg.Wait()
	return c.jsonReply(http.StatusOK, object{{"responses", responses}})
}

// checkBatch validates the envelope: 1 to 20 requests, unique non-empty
// ids, a method and a url for each, dependencies on other ids that exist
// and no cycle of them.
func (c *call) checkBatch(reqs []batchRequest) *reply {
	bad := func(msg string) *reply { return c.fail(http.StatusBadRequest, "BadRequest", msg) }
	switch {
	case len(reqs) == 0:
		return bad("Invalid batch payload format: at least one request is required.")
	case len(reqs) > maxBatchRequests:
		return bad("Number of requests exceeds the limit of 20.")
	}
	seen := make(map[string]bool, len(reqs))
	for _, r := range reqs {
		switch {
		case r.ID == "":
			return bad("Request id cannot be empty.")
		case seen[r.ID]:
			return bad("Request id '" + r.ID + "' is not unique: batch request ids must be unique.")
		case r.Method == "" || r.URL == "":
			return bad("Request '" + r.ID + "' needs a method and a url.")
		}
		seen[r.ID] = true
	}
	deps := make(map[string][]string, len(reqs))
	for _, r := range reqs {
		for _, dep := range r.DependsOn {
			if !seen[dep] || dep == r.ID {
				return bad("Request '" + r.ID + "' depends on unknown request '" + dep + "'.")
			}
		}
		deps[r.ID] = r.DependsOn
	}
	if id := dependencyCycle(deps); id != "" {
		return bad("Request '" + id + "' depends on itself through its dependencies.")
	}
	return nil
}

// dependencyCycle returns an id on a cycle of dependsOn, "" if there is
// none: served, such items would each wait for the other for ever.
func dependencyCycle(deps map[string][]string) string {
	const (
		visiting = 1
		done     = 2
	)
	state := make(map[string]int, len(deps))
	var visit func(id string) string
	visit = func(id string) string {
		switch state[id] {
		case visiting:
			return id
		case done:
			return ""
		}
		state[id] = visiting
		for _, d := range deps[id] {
			if c := visit(d); c != "" {
				return c
			}
		}
		state[id] = done
		return ""
	}
	for id := range deps {
		if c := visit(id); c != "" {
			return c
		}
	}
	return ""
}

// batchItem builds the call for one item: the envelope's caller, version
// and base; the item's own method, URL and headers; the envelope's faults
// unless the item names its own.
func (h *Handler) batchItem(env *call, r batchRequest) *call {
	hdr := http.Header{}
	for k, v := range r.Headers {
		hdr.Set(k, v)
	}
	item := &call{
		ctx: env.ctx, method: strings.ToUpper(r.Method), version: env.version, base: env.base,
		header: hdr, body: itemBody(r.Body, hdr.Get("Content-Type")), claims: env.claims, faults: env.faults, kind: KindOther,
		requestID: newRequestID(), clientID: env.clientID,
	}
	raw := strings.TrimPrefix(strings.TrimSpace(r.URL), "/")
	if v, rest, ok := strings.Cut(raw, "/"); ok && (strings.EqualFold(v, "v1.0") || strings.EqualFold(v, "beta")) {
		raw = rest // tolerate a version prefix in the item URL
	}
	// A '#' ends a URL (what follows is a fragment, never sent): a guest's
	// UPN with an unescaped #EXT# names someone else, as on Graph.
	raw, _, _ = strings.Cut(raw, "#")
	path, query, _ := strings.Cut(raw, "?")
	item.parsePath("/"+path, query)
	return item
}

// itemBody is what an item sends: a JSON body as it is, anything else (a
// photo) as the bytes of the base64 string JSON batching carries it in
// (json-batching.md), standard or URL alphabet, padded or not. A string
// that is not base64 is passed on as it is, for the route to refuse.
func itemBody(raw json.RawMessage, contentType string) []byte {
	var s string
	if strings.HasPrefix(strings.ToLower(contentType), "application/json") || json.Unmarshal(raw, &s) != nil {
		return raw
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b
		}
	}
	return raw
}

// serveItem answers one item, with the item's own fault header honoured.
func (h *Handler) serveItem(env, item *call) *reply {
	if strings.Contains(item.path, "://") || item.query == nil {
		rep := item.fail(http.StatusBadRequest, "BadRequest", "Invalid request URL: batch request urls must be relative.")
		h.counters.countItem(KindOther, rep.status)
		return rep
	}
	if spec := item.header.Get(FaultsHeader); spec != "" {
		f, err := ParseFaults(spec)
		if err != nil {
			rep := item.fail(http.StatusBadRequest, "BadRequest", "Invalid "+FaultsHeader+" header: "+err.Error())
			h.counters.countItem(KindOther, rep.status)
			return rep
		}
		item.faults = f
	}
	if len(item.segs) == 1 && item.segs[0] == "$batch" {
		rep := item.fail(http.StatusBadRequest, "BadRequest", "A batch request cannot contain another batch.")
		h.counters.countItem(KindOther, rep.status)
		return rep
	}
	rep := h.serve(item)
	h.counters.countItem("", 0)
	return rep
}

// serveInBatch serves one item of an envelope, holding one of the
// envelope's photo slots while it is served if it is a photo request.
func (h *Handler) serveInBatch(env, item *call, photoSlots chan struct{}) *reply {
	if kind, _ := h.route(item); isPhotoKind(kind) {
		photoSlots <- struct{}{}
		defer func() { <-photoSlots }()
	}
	return h.serveItem(env, item)
}

// encodeBatchResponse is batchResponse, encoded. Should encoding fail, the
// object itself is returned, for the envelope's encoding to report.
func encodeBatchResponse(id string, rep *reply) any {
	out := batchResponse(id, rep)
	b, err := out.MarshalJSON()
	if err != nil {
		return out
	}
	return encoded(b)
}

// batchResponse is one item of the answer. JSON bodies are embedded, other
// bodies (photo bytes) are base64 strings, as Graph sends them.
func batchResponse(id string, rep *reply) object {
	headers := object{}
	for _, k := range []string{"Cache-Control", "Content-Type", "ETag", "OData-Version", "Retry-After", "WWW-Authenticate"} {
		if v := rep.header.Get(k); v != "" {
			headers = append(headers, field{k, v})
		}
	}
	out := object{{"id", id}, {"status", rep.status}, {"headers", headers}}
	switch ct := strings.ToLower(rep.header.Get("Content-Type")); {
	case len(rep.body) == 0:
	case strings.HasPrefix(ct, "application/json") && json.Valid(rep.body):
		out = append(out, field{"body", json.RawMessage(rep.body)})
	case strings.HasPrefix(ct, "text/"):
		out = append(out, field{"body", string(rep.body)})
	default:
		out = append(out, field{"body", base64Body(rep.body)})
	}
	return out
}
