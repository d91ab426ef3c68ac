package graphapi

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
)

// PhotoUpload is one photo for SetPhotos.
type PhotoUpload struct {
	Subject     Subject
	Data        []byte
	ContentType string
}

// maxBatchUploadBytes keeps a $batch of uploads well under the 4 MB Graph
// takes in one request: base64 makes each photo a third larger.
const maxBatchUploadBytes = 2_500_000

// SetPhotos uploads many photos through $batch: PUT …/photo/$value items
// whose bodies are the images in base64, as JSON batching carries binary
// bodies, twenty (and at most about 2.5 MB of photos) to an envelope. Each
// item takes one of the four photo slots, like a single upload; throttled
// items are retried after their own Retry-After (uploads are idempotent).
// It returns one error per upload, in order, nil for those Graph took;
// checks that SetPhoto makes before sending apply to each.
// https://learn.microsoft.com/graph/json-batching
func (c *Client) SetPhotos(ctx context.Context, ups []PhotoUpload) []error {
	errs := make([]error, len(ups))
	var group []BatchRequest
	var index []int
	size := 0
	flush := func() {
		if len(group) == 0 {
			return
		}
		resps, err := c.Batch(ctx, group)
		for k, i := range index {
			switch {
			case err != nil:
				errs[i] = fmt.Errorf("set photo of %s: %w", ups[i].Subject, err)
			case resps[k].Err != nil:
				errs[i] = fmt.Errorf("set photo of %s: %w", ups[i].Subject, resps[k].Err)
			}
		}
		group, index, size = nil, nil, 0
	}
	for i, u := range ups {
		ct, err := photoContentType(u.ContentType)
		switch {
		case err != nil:
			errs[i] = fmt.Errorf("set photo of %s: %w", u.Subject, err)
			continue
		case len(u.Data) == 0:
			errs[i] = fmt.Errorf("set photo of %s: %w", u.Subject, ErrEmptyPhoto)
			continue
		case len(u.Data) > MaxPhotoBytes:
			errs[i] = fmt.Errorf("set photo of %s: %d bytes: %w", u.Subject, len(u.Data), ErrPhotoTooLarge)
			continue
		}
		if len(u.Data) > maxBatchUploadBytes {
			// Alone in an envelope it would still pass 4 MB in base64:
			// sent on its own, as raw bytes, it fits.
			errs[i] = c.SetPhoto(ctx, u.Subject, u.Data, u.ContentType)
			continue
		}
		path, err := u.Subject.PhotoPath(SizeLargest, true)
		if err != nil {
			errs[i] = err
			continue
		}
		if len(group) == MaxBatch || size > 0 && size+len(u.Data) > maxBatchUploadBytes {
			flush()
		}
		group = append(group, BatchRequest{
			ID: strconv.Itoa(i), Method: http.MethodPut, URL: path,
			Headers: map[string]string{"Content-Type": ct}, Body: u.Data,
		})
		index = append(index, i)
		size += len(u.Data)
	}
	flush()
	return errs
}
