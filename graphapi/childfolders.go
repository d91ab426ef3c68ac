package graphapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// FolderChildren is what ChildContactFoldersOf found in one folder.
type FolderChildren struct {
	// Folders are the folders directly inside it, every page read; when
	// Err is set, those of the pages read before the failure.
	Folders []ContactFolder
	// Err is why its childFolders (or one of their pages) could not be
	// read: refused (403), gone (404), throttled or busy past the retries.
	// The other folders' answers stand.
	Err error
}

// ChildContactFoldersOf lists the folders nested in each of parents (ids of
// owner's contact folders), every page, through $batch: one round trip for
// up to 20 folders (GET .../contactFolders/{id}/childFolders each), where
// asking one after another costs a round trip per folder. Follow-up pages
// (@odata.nextLink) of all folders go together in the next round. The
// answer is in the order of parents; the error is for the call as a whole
// (the context ending, owner not a mailbox).
func (c *Client) ChildContactFoldersOf(ctx context.Context, owner Subject, parents []string) ([]FolderChildren, error) {
	base, err := ownerPath(owner)
	if err != nil {
		return nil, fmt.Errorf("child contact folders: %w", err)
	}
	out := make([]FolderChildren, len(parents))
	type pending struct {
		parent int
		url    string // relative to the API root, as $batch items are
	}
	var queue []pending
	for i, id := range parents {
		if id == "" {
			out[i].Err = errors.New("child contact folders: empty folder id")
			continue
		}
		queue = append(queue, pending{i, base + "/contactFolders/" + url.PathEscape(id) + "/childFolders"})
	}
	for len(queue) > 0 {
		reqs := make([]BatchRequest, len(queue))
		for k, p := range queue {
			reqs[k] = BatchRequest{URL: p.url}
		}
		resps, err := c.Batch(ctx, reqs)
		if err != nil {
			return nil, fmt.Errorf("child contact folders: %w", err)
		}
		var next []pending
		for k, r := range resps {
			i := queue[k].parent
			if r.Err != nil {
				out[i].Err = fmt.Errorf("child contact folders of %s: %w", parents[i], r.Err)
				continue
			}
			var pg page[ContactFolder]
			if err := json.Unmarshal(r.Body, &pg); err != nil {
				out[i].Err = fmt.Errorf("decode child contact folders of %s: %w", parents[i], err)
				continue
			}
			out[i].Folders = append(out[i].Folders, pg.Value...)
			if pg.NextLink == "" {
				continue
			}
			rel, err := c.batchPath(pg.NextLink)
			if err != nil {
				out[i].Err = fmt.Errorf("child contact folders of %s: %w", parents[i], err)
				continue
			}
			next = append(next, pending{i, rel})
		}
		queue = next
	}
	return out, nil
}

// batchPath turns an @odata.nextLink into the path a $batch item asks for
// (relative to the API root, "/me/…?$skip=10"), refusing one that
// sameOrigin refuses or that lies outside the API root.
func (c *Client) batchPath(link string) (string, error) {
	if err := c.sameOrigin(link); err != nil {
		return "", err
	}
	u, err := url.Parse(link)
	if err != nil {
		return "", fmt.Errorf("bad @odata.nextLink %q: %w", link, err)
	}
	base, err := url.Parse(c.baseURL)
	if err != nil {
		return "", fmt.Errorf("bad base URL %q: %w", c.baseURL, err)
	}
	root := strings.TrimSuffix(base.EscapedPath(), "/")
	path := u.EscapedPath()
	if !strings.HasPrefix(strings.ToLower(path), strings.ToLower(root)+"/") {
		return "", fmt.Errorf("@odata.nextLink %q is outside %s", link, c.baseURL)
	}
	rel := path[len(root):]
	if u.RawQuery != "" {
		rel += "?" + u.RawQuery
	}
	return rel, nil
}
