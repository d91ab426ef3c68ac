package graphapi

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
)

// Pager walks a Graph collection page by page, following @odata.nextLink
// until Graph stops sending one. A page that could not be fetched or read
// (throttled past the retries, a 5xx, a cut connection) leaves the pager
// where it was, so the next Next asks for that page again from its
// nextLink: nothing is skipped, nothing comes twice. It is not safe for
// concurrent use.
type Pager[T any] struct {
	c      *Client
	next   string // absolute URL of the next page
	header http.Header
	keep   func(T) bool // local filter, for lists Graph cannot search
	done   bool
	err    error // a setup error, returned by the first Next
}

// page is an OData collection page.
type page[T any] struct {
	Value    []T    `json:"value"`
	NextLink string `json:"@odata.nextLink"`
	Count    *int   `json:"@odata.count"`
}

func newPager[T any](c *Client, path string, header http.Header) *Pager[T] {
	return &Pager[T]{c: c, next: c.url(path), header: header}
}

func failedPager[T any](err error) *Pager[T] { return &Pager[T]{err: err} }

// Done reports that every page has been read, or that the walk cannot go
// on (a listing that could not be set up, a nextLink refused). A page that
// merely failed to load does not make it Done.
func (p *Pager[T]) Done() bool { return p.done }

// Next fetches the next page. It returns no items and no error once Done.
// A page left empty by a local filter is returned empty, not skipped, so
// callers keep control of how many requests are made. After an error that
// did not make the pager Done, calling Next again retries the same page;
// callers that give up on an error simply stop calling.
func (p *Pager[T]) Next(ctx context.Context) ([]T, error) {
	if p.done {
		return nil, nil
	}
	if p.err != nil {
		p.done = true
		return nil, p.err
	}
	resp, err := p.c.do(ctx, &request{method: http.MethodGet, url: p.next, header: p.header})
	if err != nil {
		return nil, err // p.next is kept: the next call asks for this page again
	}
	var pg page[T]
	if err := json.Unmarshal(resp.body, &pg); err != nil {
		// A body cut short by a proxy reads as bad JSON: worth asking again.
		return nil, fmt.Errorf("decode page %s: %w", p.next, err)
	}
	if pg.NextLink == "" {
		p.done = true
	} else if err := p.c.sameOrigin(pg.NextLink); err != nil {
		p.done = true
		return nil, err
	} else {
		p.next = pg.NextLink
	}
	if p.keep == nil {
		return pg.Value, nil
	}
	kept := pg.Value[:0]
	for _, v := range pg.Value {
		if p.keep(v) {
			kept = append(kept, v)
		}
	}
	return kept, nil
}

// All yields every item of every remaining page; on an error it yields the
// zero T with the error and stops. Stopping the loop early stops fetching.
func (p *Pager[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for !p.Done() {
			items, err := p.Next(ctx)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
		}
	}
}

// sameOrigin refuses a nextLink that checkOrigin would not give our bearer
// token to.
func (c *Client) sameOrigin(link string) error {
	u, err := url.Parse(link)
	if err != nil {
		return fmt.Errorf("bad @odata.nextLink %q: %w", link, err)
	}
	if err := c.checkOrigin(u); err != nil {
		return fmt.Errorf("@odata.nextLink %q refused: %w", link, err)
	}
	return nil
}
