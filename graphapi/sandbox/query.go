package sandbox

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// listSpec says how a collection is queried and paged.
type listSpec struct {
	types    []*entityType // types the items may have; the first names errors
	context  string        // metadata fragment, e.g. "users"
	withType bool          // add @odata.type to each item (mixed collections)
	// outlook selects Exchange's rules (contacts): $skip paging, 10 a page,
	// no ConsistencyLevel requirements, no $search.
	outlook bool
}

// Page sizes and limits as Graph applies them.
const (
	directoryPageSize = 100
	directoryMaxTop   = 999
	outlookPageSize   = 10
	outlookMaxTop     = 1000
)

// queryParam reads a system query option, with or without its '$' and in
// any case, as Graph v1.0 accepts.
func (c *call) queryParam(name string) (string, bool) {
	for k, v := range c.query {
		if strings.EqualFold(strings.TrimPrefix(k, "$"), name) && len(v) > 0 {
			return v[0], true
		}
	}
	return "", false
}

// eventual reports whether the caller sent ConsistencyLevel: eventual,
// which advanced directory queries ($search, $count) require.
func (c *call) eventual() bool {
	return strings.EqualFold(strings.TrimSpace(c.header.Get("ConsistencyLevel")), "eventual")
}

// list answers a collection request with $top, $select, $search, $filter,
// $orderby, $count and paging applied, like Graph.
func (h *Handler) list(c *call, items []any, spec listSpec) *reply {
	pageSize, maxTop := directoryPageSize, directoryMaxTop
	if spec.outlook {
		pageSize, maxTop = outlookPageSize, outlookMaxTop
	}
	if v, ok := c.queryParam("top"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxTop {
			return c.fail(http.StatusBadRequest, "Request_BadRequest",
				"Invalid page size specified: '"+v+"'. Must be between 1 and "+itoa(maxTop)+" inclusive.")
		}
		pageSize = n
	}
	sel, rep := c.parseSelect(spec.types)
	if rep != nil {
		return rep
	}
	if v, ok := c.queryParam("search"); ok {
		if spec.outlook {
			return c.fail(http.StatusBadRequest, "ErrorInvalidUrlQuery", "The query parameter '$search' is not supported for this collection.")
		}
		if !c.eventual() {
			return c.fail(http.StatusBadRequest, "Request_UnsupportedQuery",
				"Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'")
		}
		match, err := parseSearch(v, spec.types)
		if err != nil {
			return c.fail(http.StatusBadRequest, "Request_UnsupportedQuery", "Syntax error: "+err.Error()+".")
		}
		items = keep(items, match)
	}
	if v, ok := c.queryParam("filter"); ok {
		match, err := parseFilter(v, spec.types)
		var many tooManyClauses
		switch {
		case errors.As(err, &many):
			return c.fail(http.StatusBadRequest, "Request_UnsupportedQuery", many.Error())
		case err != nil:
			return c.fail(http.StatusBadRequest, "Request_UnsupportedQuery", "Unsupported Query.")
		}
		items = keep(items, match)
	}
	if v, ok := c.queryParam("orderby"); ok {
		if rep := c.orderBy(items, v, spec.types); rep != nil {
			return rep
		}
	}
	if c.countOnly {
		return c.countReply(len(items), spec.outlook)
	}
	withCount := false
	if v, ok := c.queryParam("count"); ok && strings.EqualFold(v, "true") {
		if !spec.outlook && !c.eventual() {
			return c.fail(http.StatusBadRequest, "Request_BadRequest", "$count is not currently supported.")
		}
		withCount = true
	}
	offset, rep := c.pageOffset(spec.outlook)
	if rep != nil {
		return rep
	}
	ctx := spec.context
	if sel != nil {
		if raw, _ := c.queryParam("select"); raw != "" {
			ctx += "(" + raw + ")"
		}
	}
	out := object{{"@odata.context", c.contextURL(ctx)}}
	if withCount {
		out = append(out, field{"@odata.count", len(items)})
	}
	end := min(len(items), offset+pageSize)
	if end < len(items) {
		out = append(out, field{"@odata.nextLink", c.nextLink(end, spec.outlook)})
	}
	values := make([]any, 0, max(0, end-offset))
	for _, item := range items[min(offset, len(items)):end] {
		values = append(values, typeOf(item).render(item, c.version, sel, spec.withType))
	}
	out = append(out, field{"value", values})
	return c.jsonReply(http.StatusOK, out)
}

func keep(items []any, match func(any) bool) []any {
	var out []any
	for _, it := range items {
		if match(it) {
			out = append(out, it)
		}
	}
	return out
}

// parseSelect validates $select against the types; nil means no $select.
func (c *call) parseSelect(types []*entityType) ([]string, *reply) {
	raw, ok := c.queryParam("select")
	if !ok || strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	var sel []string
	for name := range strings.SplitSeq(raw, ",") {
		name = strings.TrimSpace(name)
		found := false
		for _, t := range types {
			if _, ok := t.lookup(name); ok {
				found = true
			}
		}
		if !found {
			return nil, c.fail(http.StatusBadRequest, "Request_BadRequest",
				"Could not find a property named '"+name+"' on type '"+types[0].name+"'.")
		}
		sel = append(sel, name)
	}
	return sel, nil
}

// orderBy sorts items by one string property, "asc" or "desc".
func (c *call) orderBy(items []any, spec string, types []*entityType) *reply {
	fields := strings.Fields(spec)
	if len(fields) == 0 || len(fields) > 2 || !filterable(types, fields[0]) {
		return c.fail(http.StatusBadRequest, "Request_UnsupportedQuery", "Unsupported sort property '"+spec+"'.")
	}
	desc := len(fields) == 2 && strings.EqualFold(fields[1], "desc")
	slices.SortStableFunc(items, func(a, b any) int {
		r := strings.Compare(strings.ToLower(typeOf(a).str(a, fields[0])), strings.ToLower(typeOf(b).str(b, fields[0])))
		if desc {
			return -r
		}
		return r
	})
	return nil
}

// pageOffset reads where this page starts: $skiptoken for the directory,
// $skip for Outlook.
func (c *call) pageOffset(outlook bool) (int, *reply) {
	if outlook {
		v, ok := c.queryParam("skip")
		if !ok {
			return 0, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, c.fail(http.StatusBadRequest, "ErrorInvalidUrlQuery", "The value of '$skip' is invalid.")
		}
		return n, nil
	}
	v, ok := c.queryParam("skiptoken")
	if !ok {
		return 0, nil
	}
	n, err := decodeSkipToken(v)
	if err != nil {
		return 0, c.fail(http.StatusBadRequest, "Directory_InvalidSkipToken", "The specified page token value has expired and can no longer be included in your request.")
	}
	return n, nil
}

// skipTokenPrefix marks the sandbox's tokens so a token from elsewhere is
// refused rather than misread.
const skipTokenPrefix = "RFNwdAIAAQ:"

func encodeSkipToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(skipTokenPrefix + itoa(offset)))
}

func decodeSkipToken(tok string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, err
	}
	rest, ok := strings.CutPrefix(string(b), skipTokenPrefix)
	if !ok {
		return 0, errors.New("not a sandbox skip token")
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 {
		return 0, errors.New("bad offset")
	}
	return n, nil
}

// nextLink points back at this server: the same path and query with the
// paging option replaced.
func (c *call) nextLink(offset int, outlook bool) string {
	drop, add := "$skiptoken", "$skiptoken="+encodeSkipToken(offset)
	if outlook {
		drop, add = "$skip", "$skip="+itoa(offset)
	}
	var parts []string
	for p := range strings.SplitSeq(c.rawQuery, "&") {
		key, _, _ := strings.Cut(p, "=")
		if k, err := url.QueryUnescape(key); p == "" || err == nil && strings.EqualFold(strings.TrimPrefix(k, "$"), strings.TrimPrefix(drop, "$")) {
			continue
		}
		parts = append(parts, p)
	}
	parts = append(parts, add)
	return c.base + c.path + "?" + strings.Join(parts, "&")
}

// countReply answers .../$count: the number as text, which the directory
// only computes for ConsistencyLevel: eventual requests.
func (c *call) countReply(n int, outlook bool) *reply {
	if !outlook && !c.eventual() {
		return c.fail(http.StatusBadRequest, "Request_BadRequest", "$count is not currently supported.")
	}
	r := newReply(http.StatusOK)
	r.header.Set("Content-Type", "text/plain")
	r.header.Set("Cache-Control", "no-cache")
	r.body = []byte(itoa(n))
	return r
}
