package importer

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/photodesk/photodesk/graphapi"
)

// GroupFinder is a Directory that can also look groups up. A file nobody
// matches is looked for among the groups, by display name and mail, so
// its row says it names a group (the import sets people's photos) rather
// than only "nobody matches".
type GroupFinder interface {
	// FindGroups answers every query, in order; a query that failed
	// answers nothing (the row then says nobody matches, as before).
	FindGroups(ctx context.Context, queries []Query) ([][]graphapi.GroupInfo, error)
}

// groupNote is the note of a file that names a group.
func groupNote(name string) string {
	return "names the group " + name + ": import sets people's photos; set a group's photo from the window"
}

// FindGroups sends each query as GET /groups?$filter=field in (…). Listing
// groups takes a permission the import does not need (GroupMember.Read.All
// or Group.Read.All): an item refused leaves its query unanswered.
func (d GraphDirectory) FindGroups(ctx context.Context, queries []Query) ([][]graphapi.GroupInfo, error) {
	reqs := make([]graphapi.BatchRequest, len(queries))
	for i, q := range queries {
		reqs[i] = graphapi.BatchRequest{URL: inFilterURL("/groups", q, "id,displayName,mail")}
	}
	resps, err := d.Client.Batch(ctx, reqs)
	if err != nil {
		return nil, err
	}
	out := make([][]graphapi.GroupInfo, len(resps))
	for i, r := range resps {
		var page struct {
			Value []graphapi.GroupInfo `json:"value"`
		}
		if r.Err == nil && json.Unmarshal(r.Body, &page) == nil {
			out[i] = page.Value
		}
	}
	return out, nil
}

// nameGroups looks the files nobody matches up among the groups, by
// display name and by mail, when d can: a row that names a group says so.
// Any failure but the context's leaves the rows as they were.
func (p *Plan) nameGroups(ctx context.Context, d Directory) error {
	gf, ok := d.(GroupFinder)
	if !ok {
		return nil
	}
	var unmatched []*Item
	byField := map[string][]string{}
	seen := map[string]bool{}
	for _, it := range p.Items {
		if it.File.Problem != "" || it.unlooked != "" || it.User != nil || len(it.Candidates) > 0 {
			continue
		}
		unmatched = append(unmatched, it)
		field := "displayName"
		if strings.Contains(it.File.Key, "@") {
			field = "mail"
		}
		if k := field + "\x00" + strings.ToLower(it.File.Key); !seen[k] {
			seen[k] = true
			byField[field] = append(byField[field], it.File.Key)
		}
	}
	var queries []Query
	for _, field := range []string{"displayName", "mail"} {
		queries = append(queries, inQueries(field, byField[field])...)
	}
	if len(queries) == 0 {
		return nil
	}
	answers, err := gf.FindGroups(ctx, queries)
	if err != nil {
		return ctx.Err() // nil unless the preview itself was stopped
	}
	named := map[string]string{}
	for _, groups := range answers {
		for _, g := range groups {
			for _, v := range []string{g.DisplayName, g.Mail} {
				if k := strings.ToLower(v); v != "" && named[k] == "" {
					named[k] = g.DisplayName
				}
			}
		}
	}
	for _, it := range unmatched {
		it.group = named[strings.ToLower(it.File.Key)]
	}
	return nil
}
