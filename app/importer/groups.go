package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/photodesk/photodesk/graphapi"
)

// GroupFinder is a Directory that can also look groups up. A file nobody
// matches is looked for among the groups, by display name and mail, so
// its row says it names a group (the import sets people's photos) rather
// than only "nobody matches".
type GroupFinder interface {
	// FindGroups answers every query, in order; a query Graph answered
	// with an error has it as its FoundGroups.Err.
	FindGroups(ctx context.Context, queries []Query) ([]FoundGroups, error)
}

// FoundGroups is what one group query found.
type FoundGroups struct {
	Groups []graphapi.GroupInfo
	// Err is why this query was not answered: its files' rows say
	// nobody matches, and that groups could not be checked.
	Err error
}

// groupNote is the note of a file that names a group.
func groupNote(name string) string {
	return "names the group " + name + ": import sets people's photos; set a group's photo from the window"
}

// groupsUnchecked is what a row nobody matches adds when the group lookup
// failed: why, in the words of the photo check's note ("not allowed").
func groupsUnchecked(err error) string {
	why := uncheckedReason(err)
	if graphapi.IsForbidden(err) || graphapi.IsUnauthorized(err) {
		why = "not allowed: reading groups needs GroupMember.Read.All or Group.Read.All"
	}
	return "whether it names a group could not be checked (" + why + ")"
}

// FindGroups sends each query as GET /groups?$filter=field in (…). Listing
// groups takes a permission the import does not need (GroupMember.Read.All
// or Group.Read.All): an item refused is its query's FoundGroups.Err.
func (d GraphDirectory) FindGroups(ctx context.Context, queries []Query) ([]FoundGroups, error) {
	reqs := make([]graphapi.BatchRequest, len(queries))
	for i, q := range queries {
		reqs[i] = graphapi.BatchRequest{URL: inFilterURL("/groups", q, "id,displayName,mail")}
	}
	resps, err := d.Client.Batch(ctx, reqs)
	if err != nil {
		return nil, fmt.Errorf("look up groups: %w", err)
	}
	out := make([]FoundGroups, len(resps))
	for i, r := range resps {
		if r.Err != nil {
			out[i].Err = r.Err
			continue
		}
		var page struct {
			Value []graphapi.GroupInfo `json:"value"`
		}
		if err := json.Unmarshal(r.Body, &page); err != nil {
			out[i].Err = fmt.Errorf("look up groups by %s: %w", queries[i].Field, err)
			continue
		}
		out[i].Groups = page.Value
	}
	return out, nil
}

// askGroups sends the first query alone, then the rest together. An
// account that may not list groups is refused every query alike, so a
// first refused for want of permission stands for all of them: one 403
// a preview, not one per fifteen names nobody matches. It costs one more
// envelope only where there are more than fifteen such names and groups
// may be listed.
func askGroups(ctx context.Context, gf GroupFinder, queries []Query) ([]FoundGroups, error) {
	first, err := gf.FindGroups(ctx, queries[:1])
	if err != nil || len(queries) == 1 {
		return first, err
	}
	if len(first) == 1 && (graphapi.IsForbidden(first[0].Err) || graphapi.IsUnauthorized(first[0].Err)) {
		out := make([]FoundGroups, len(queries))
		for i := range out {
			out[i].Err = first[0].Err
		}
		return out, nil
	}
	rest, err := gf.FindGroups(ctx, queries[1:])
	if err != nil {
		return nil, err
	}
	return append(first, rest...), nil
}

// nameGroups looks the files nobody matches up among the groups, by
// display name and by mail, when d can: a row that names a group says so,
// and one whose lookup failed says groups could not be checked. No
// failure but the context's fails the preview.
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
		field := groupField(it.File.Key)
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
	answers, err := askGroups(ctx, gf, queries)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err() // the preview itself was stopped
		}
		answers = make([]FoundGroups, len(queries))
		for i := range answers {
			answers[i].Err = err
		}
	}
	named := map[string]string{}
	failed := map[string]error{}
	for i, a := range answers {
		for _, v := range queries[i].Values {
			if a.Err != nil {
				failed[queries[i].Field+"\x00"+strings.ToLower(v)] = a.Err
			}
		}
		for _, g := range a.Groups {
			for _, v := range []string{g.DisplayName, g.Mail} {
				if k := strings.ToLower(v); v != "" && named[k] == "" {
					named[k] = g.DisplayName
				}
			}
		}
	}
	for _, it := range unmatched {
		key := strings.ToLower(it.File.Key)
		it.group = named[key]
		if err := failed[groupField(it.File.Key)+"\x00"+key]; err != nil && it.group == "" {
			it.groupsUnchecked = groupsUnchecked(err)
		}
	}
	return nil
}

// groupField is the group property a file's name is looked up by: mail
// when it holds an @, else display name.
func groupField(key string) string {
	if strings.Contains(key, "@") {
		return "mail"
	}
	return "displayName"
}
