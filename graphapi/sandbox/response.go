package sandbox

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// Content types Graph answers with. JSON carries the OData parameters real
// Graph sends, so clients that compare Content-Type exactly find out early.
const (
	contentTypeOData = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
	contentTypeError = "application/json"
)

// call is one logical Graph request: a plain HTTP request or one item of a
// $batch. Handlers read it and return a reply; nothing writes to the wire
// until the whole reply is known, so faults can slow or cut it.
type call struct {
	ctx       context.Context
	method    string
	version   string     // "v1.0" or "beta"
	path      string     // escaped path after the version, e.g. "/users/a%40b/photo"
	segs      []string   // unescaped path segments after the version
	query     url.Values // parsed query
	rawQuery  string     // the query as sent, for nextLinks
	header    http.Header
	body      []byte
	base      string // absolute "http://host:port/v1.0" for nextLinks and contexts
	claims    *identity.Claims
	faults    Faults
	requestID string
	clientID  string // client-request-id as sent or made up
	kind      string // what Stats counts this call as
	countOnly bool   // the path ends in /$count
}

// reply is a complete response to a call.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func newReply(status int) *reply {
	return &reply{status: status, header: http.Header{}}
}

// jsonReply encodes v as an OData JSON answer.
func (c *call) jsonReply(status int, v any) *reply {
	b, err := marshal(v)
	if err != nil {
		return c.fail(http.StatusInternalServerError, "InternalServerError", "the sandbox could not encode its answer: "+err.Error())
	}
	r := newReply(status)
	r.header.Set("Content-Type", contentTypeOData)
	r.header.Set("OData-Version", "4.0")
	r.header.Set("Cache-Control", "no-cache")
	r.body = b
	return r
}

// fail builds a Graph error body:
// {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.
func (c *call) fail(status int, code, message string) *reply {
	inner := object{
		{"date", time.Now().UTC().Format("2006-01-02T15:04:05")},
		{"request-id", c.requestID},
		{"client-request-id", c.clientID},
	}
	body := object{{"error", object{{"code", code}, {"message", message}, {"innerError", inner}}}}
	b, _ := marshal(body) // strings only: cannot fail
	r := newReply(status)
	r.header.Set("Content-Type", contentTypeError)
	r.header.Set("Cache-Control", "private")
	r.body = b
	return r
}

// throttled answers 429 with a Retry-After, as both Graph's own throttling
// and Outlook's concurrency rule do.
func (c *call) throttled(code, message string) *reply {
	r := c.fail(http.StatusTooManyRequests, code, message)
	r.header.Set("Retry-After", c.faults.retryAfter())
	return r
}

// contextURL is the @odata.context for a metadata fragment like "users".
func (c *call) contextURL(fragment string) string {
	return c.base + "/$metadata#" + fragment
}

// itoa is strconv.Itoa, shorter at call sites that build paths.
func itoa(n int) string { return strconv.Itoa(n) }
