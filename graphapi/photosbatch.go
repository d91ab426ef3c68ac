package graphapi

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
)

// PhotoResult is one subject's outcome in PhotosBatch or PhotosBatchOf.
type PhotoResult struct {
	Subject Subject
	Photo   *Photo
	Err     error // IsNoPhoto(Err) for subjects without a photo
}

// PhotosBatch fetches many photos (typically 48x48 avatars for a result
// list) through $batch, in input order, one result per subject. It never
// fails as a whole: a contact asked for a size gets ErrSizeUnsupported
// without a request, and a cancelled context is every pending result's Err.
func (c *Client) PhotosBatch(ctx context.Context, subjects []Subject, size Size) []PhotoResult {
	asks := make([]PhotoAsk, len(subjects))
	for i, s := range subjects {
		asks[i] = PhotoAsk{Subject: s, Size: size}
	}
	return c.PhotosBatchOf(ctx, asks)
}

// PhotoAsk is one subject's photo at one size, for PhotosBatchOf.
type PhotoAsk struct {
	Subject Subject
	Size    Size
}

// PhotosBatchOf is PhotosBatch with a size for each subject, so that one
// envelope can carry both first tries at an HD size and the default-size
// retries of people missing at it: sent in envelopes of their own, those
// retries left most of an envelope's rounds at the server unfilled.
func (c *Client) PhotosBatchOf(ctx context.Context, asks []PhotoAsk) []PhotoResult {
	out := make([]PhotoResult, len(asks))
	var reqs []BatchRequest
	var index []int // reqs[k] belongs to out[index[k]]
	for i, a := range asks {
		out[i].Subject = a.Subject
		path, err := a.Subject.PhotoPath(a.Size, true)
		if err != nil {
			out[i].Err = err
			continue
		}
		reqs = append(reqs, BatchRequest{ID: strconv.Itoa(i), Method: http.MethodGet, URL: path})
		index = append(index, i)
	}
	if len(reqs) == 0 {
		return out
	}
	resps, err := c.Batch(ctx, reqs)
	for k, i := range index {
		if err != nil {
			out[i].Err = fmt.Errorf("photo of %s: %w", asks[i].Subject, err)
			continue
		}
		out[i].Photo, out[i].Err = c.batchPhoto(asks[i].Subject, reqs[k].URL, resps[k])
	}
	return out
}

// batchPhoto turns one batch answer into a Photo, with the same "no photo"
// rules as PhotoBytes.
func (c *Client) batchPhoto(s Subject, path string, r BatchResponse) (*Photo, error) {
	url := c.url(path)
	reqID := headerValue(r.Headers, "request-id")
	if r.Err != nil {
		return nil, fmt.Errorf("photo of %s: %w", s, r.Err)
	}
	if r.Status != http.StatusOK || len(r.Body) == 0 {
		return nil, fmt.Errorf("photo of %s: %w", s, &Error{Status: r.Status, Code: CodeNoPhotoBytes, Message: "no photo bytes in the answer", RequestID: reqID, URL: url})
	}
	return &Photo{
		Bytes:       r.Body,
		ContentType: headerValue(r.Headers, "Content-Type"),
		ETag:        headerValue(r.Headers, "ETag"),
		RequestID:   reqID,
		URL:         url,
	}, nil
}
