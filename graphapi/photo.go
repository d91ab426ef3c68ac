package graphapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// PhotoMeta describes one stored photo, from /photo or /photos/{size}
// (profilePhoto: https://learn.microsoft.com/graph/api/resources/profilephoto).
type PhotoMeta struct {
	ID          string // "240x240", "240X240", "default" or "1x1", as sent
	Width       int
	Height      int
	ContentType string // @odata.mediaContentType, e.g. "image/jpeg" or "image/Jpeg"
	ETag        string // @odata.mediaEtag exactly as sent, quotes included; changes when the photo does
	Context     string // @odata.context
	RequestID   string // request-id of the response (the batch's for PhotoSizes items)
	URL         string // the request URL
}

// Photo is a photo's bytes with the headers a cache and a save dialog need,
// which Graph's SDKs throw away.
type Photo struct {
	Bytes       []byte
	ContentType string // Content-Type as sent; compare case-insensitively and sniff the bytes
	ETag        string // ETag header as sent
	RequestID   string
	URL         string
}

// wirePhoto is profilePhoto on the wire.
type wirePhoto struct {
	Context     string `json:"@odata.context"`
	ContentType string `json:"@odata.mediaContentType"`
	ETag        string `json:"@odata.mediaEtag"`
	ID          string `json:"id"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
}

func (w wirePhoto) meta(requestID, url string) PhotoMeta {
	return PhotoMeta{
		ID: w.ID, Width: w.Width, Height: w.Height, ContentType: w.ContentType,
		ETag: w.ETag, Context: w.Context, RequestID: requestID, URL: url,
	}
}

// IsPlaceholder reports metadata for the 1x1 "no photo" image old tenants
// (and the Get photo doc) return with a 200: 1x1, or id "1x1", or an empty
// media ETag. A GIF on its own is not enough, since real GIF photos exist.
func (m *PhotoMeta) IsPlaceholder() bool {
	return (m.Width == 1 && m.Height == 1) || strings.EqualFold(m.ID, "1x1") || normETag(m.ETag) == ""
}

// HDSize is the HD size a listed photo is stored at, "" for "default" and
// any other id that is not one of HDSizes.
func (m *PhotoMeta) HDSize() Size {
	s, err := ParseSize(m.ID)
	if err != nil || s == SizeLargest {
		return ""
	}
	return s
}

// SameETag compares ETags as a cache must: W/ prefixes, the quotes Graph
// nests in @odata.mediaEtag, and case do not matter; empty never matches.
func SameETag(a, b string) bool {
	na, nb := normETag(a), normETag(b)
	return na != "" && strings.EqualFold(na, nb)
}

func normETag(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "W/")
	return strings.Trim(s, `" `)
}

// DecodePhotoMeta reads a profilePhoto JSON body, such as a $batch item's
// answer to a metadata request. RequestID and URL are left empty.
func DecodePhotoMeta(body []byte) (*PhotoMeta, error) {
	var w wirePhoto
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, err
	}
	m := w.meta("", "")
	return &m, nil
}

// DecodePhotoList reads the JSON body of a size list (GET /photos), such as
// a $batch item's. RequestID and URL are left empty.
func DecodePhotoList(body []byte) ([]PhotoMeta, error) {
	var page struct {
		Value []wirePhoto `json:"value"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, err
	}
	out := make([]PhotoMeta, 0, len(page.Value))
	for _, w := range page.Value {
		out = append(out, w.meta("", ""))
	}
	return out, nil
}

func noPhotoError(status int, requestID, url, why string) *Error {
	return &Error{Status: status, Code: CodeNoPhotoPlaceholder, Message: why, RequestID: requestID, URL: url}
}

// PhotoMeta fetches the metadata of subj's photo at size (SizeLargest for
// the default photo). It is the cheap call for checking whether a cached
// photo is stale: compare ETag. A placeholder answer is an error for which
// IsNoPhoto is true.
func (c *Client) PhotoMeta(ctx context.Context, subj Subject, size Size) (*PhotoMeta, error) {
	path, err := subj.PhotoPath(size, false)
	if err != nil {
		return nil, err
	}
	var w wirePhoto
	resp, err := c.getJSONPhoto(ctx, path, &w)
	if err != nil {
		return nil, fmt.Errorf("photo metadata of %s: %w", subj, err)
	}
	m := w.meta(resp.requestID, resp.url)
	if m.IsPlaceholder() {
		return nil, fmt.Errorf("photo metadata of %s: %w", subj,
			noPhotoError(resp.status, resp.requestID, resp.url, "metadata describes the 1x1 placeholder, not a photo"))
	}
	return &m, nil
}

// PhotoBytes downloads subj's photo at size, with its Content-Type and ETag.
func (c *Client) PhotoBytes(ctx context.Context, subj Subject, size Size) (*Photo, error) {
	path, err := subj.PhotoPath(size, true)
	if err != nil {
		return nil, err
	}
	resp, err := c.get(ctx, path, nil, 1)
	if err != nil {
		return nil, fmt.Errorf("photo of %s: %w", subj, err)
	}
	if resp.status != http.StatusOK || len(resp.body) == 0 {
		return nil, fmt.Errorf("photo of %s: %w", subj,
			&Error{Status: resp.status, Code: CodeNoPhotoBytes, Message: "no photo bytes in the answer", RequestID: resp.requestID, URL: resp.url})
	}
	return &Photo{
		Bytes:       resp.body,
		ContentType: resp.header.Get("Content-Type"),
		ETag:        resp.header.Get("ETag"),
		RequestID:   resp.requestID,
		URL:         resp.url,
	}, nil
}

// PhotoSizes lists the sizes stored for subj (GET /photos), for size
// fallback. Contacts have no size list: ErrSizeUnsupported.
func (c *Client) PhotoSizes(ctx context.Context, subj Subject) ([]PhotoMeta, error) {
	path, err := subj.PhotosPath()
	if err != nil {
		return nil, err
	}
	var page struct {
		Value []wirePhoto `json:"value"`
	}
	resp, err := c.getJSONPhoto(ctx, path, &page)
	if err != nil {
		return nil, fmt.Errorf("photo sizes of %s: %w", subj, err)
	}
	out := make([]PhotoMeta, 0, len(page.Value))
	for _, w := range page.Value {
		out = append(out, w.meta(resp.requestID, resp.url))
	}
	return out, nil
}

// getJSONPhoto is getJSON for photo routes, which count against the limiter.
func (c *Client) getJSONPhoto(ctx context.Context, path string, v any) (*response, error) {
	return c.getJSON(ctx, path, nil, 1, v)
}
