package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// User is a directory user a file can be matched to.
type User struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
	UPN         string `json:"userPrincipalName"`
	Mail        string `json:"mail"`
	Alias       string `json:"mailNickname"`
}

// Person is the user as the change path takes it.
func (u User) Person() app.Person {
	return app.Person{Subject: graphapi.User(u.ID), Kind: app.KindUser, ID: u.ID, DisplayName: u.DisplayName, UPN: u.UPN, Mail: u.Mail}
}

// Query asks for the users whose Field equals one of Values, ignoring
// case as the directory does.
type Query struct {
	Field  string
	Values []string
}

// Directory is what a plan reads: people by property, and whether they
// have a photo. GraphDirectory is the real one; tests may pass a fake.
type Directory interface {
	// FindUsers answers every query, in order. A query that failed on
	// its own has Found.Err; the error is for the lookup as a whole.
	FindUsers(ctx context.Context, queries []Query) ([]Found, error)
	// HasPhotos reports, for each user id, whether a photo is stored.
	HasPhotos(ctx context.Context, ids []string) ([]PhotoCheck, error)
}

// Found is what one Query found.
type Found struct {
	Users []User
	// Err is why this query was not answered. The other queries' answers
	// stand: one odd file name that Graph refuses (400) must not cost the
	// folder its preview.
	Err error
}

// refused reports an error that is Graph refusing the request itself
// (400: a filter it cannot parse), not the connection, the permission or
// a throttle: only the values that query asked for are at fault.
func refused(err error) bool { return graphapi.IsBadRequest(err) }

// refusal is a refused lookup in a few words: "400 Request_UnsupportedQuery".
func refusal(err error) string {
	var ge *graphapi.Error
	if errors.As(err, &ge) {
		return strings.TrimSpace(fmt.Sprintf("%d %s", ge.Status, ge.Code))
	}
	return err.Error()
}

// PhotoCheck is what looking for one person's photo found.
type PhotoCheck struct {
	Has bool
	// Err is why the check failed (refused, throttled, unavailable): Has
	// is then unknown, not "none".
	Err error
	// NoMailbox: Graph answered as for a user without an Exchange
	// mailbox (400 AuthenticationError). No photo can be read, so none
	// can be backed up, and the plan sends nothing to them.
	NoMailbox bool
}

// MaxInValues is how many values one $filter … in (…) may hold: Graph
// refuses more than 15 expressions in a filter clause.
const MaxInValues = 15

// GraphDirectory answers through Graph's $batch: each query is one
// $filter item, each photo check one metadata item, twenty an envelope.
type GraphDirectory struct {
	Client *graphapi.Client
}

// userFields are the properties a match needs.
const userFields = "id,displayName,userPrincipalName,mail,mailNickname"

// inFilterURL is GET collection?$filter=field in (…) for q, its values
// quoted as OData wants, selecting fields, as many a page as Graph gives.
func inFilterURL(collection string, q Query, fields string) string {
	quoted := make([]string, len(q.Values))
	for j, v := range q.Values {
		quoted[j] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	filter := q.Field + " in (" + strings.Join(quoted, ",") + ")"
	return collection + "?$filter=" + url.QueryEscape(filter) + "&$select=" + fields + "&$top=999"
}

// inQueries splits values into queries on field of at most MaxInValues
// values each.
func inQueries(field string, values []string) []Query {
	var out []Query
	for start := 0; start < len(values); start += MaxInValues {
		out = append(out, Query{Field: field, Values: values[start:min(start+MaxInValues, len(values))]})
	}
	return out
}

// FindUsers sends each query as GET /users?$filter=field in (…). A query
// with more than MaxInValues values is an error: split it first. An item
// Graph answered with an error is that query's Found.Err.
func (d GraphDirectory) FindUsers(ctx context.Context, queries []Query) ([]Found, error) {
	reqs := make([]graphapi.BatchRequest, len(queries))
	for i, q := range queries {
		if len(q.Values) == 0 || len(q.Values) > MaxInValues {
			return nil, fmt.Errorf("look up people: %d values in one filter (1 to %d)", len(q.Values), MaxInValues)
		}
		reqs[i] = graphapi.BatchRequest{URL: inFilterURL("/users", q, userFields)}
	}
	resps, err := d.Client.Batch(ctx, reqs)
	if err != nil {
		return nil, fmt.Errorf("look up people: %w", err)
	}
	out := make([]Found, len(resps))
	for i, r := range resps {
		if r.Err != nil {
			out[i].Err = r.Err
			continue
		}
		var page struct {
			Value []User `json:"value"`
		}
		if err := json.Unmarshal(r.Body, &page); err != nil {
			return nil, fmt.Errorf("look up people by %s: %w", queries[i].Field, err)
		}
		out[i].Users = page.Value
	}
	return out, nil
}

// HasPhotos asks for each user's photo metadata (GET /users/{id}/photo):
// 404 and the old 1x1 placeholder mean none. Any other failure (403, 429,
// 503…) is a check that failed (PhotoCheck.Err), not "no photo": the
// preview says so, and the run still refuses to replace a photo it finds
// when replacing was not asked for.
func (d GraphDirectory) HasPhotos(ctx context.Context, ids []string) ([]PhotoCheck, error) {
	reqs := make([]graphapi.BatchRequest, len(ids))
	for i, id := range ids {
		path, err := graphapi.User(id).PhotoPath(graphapi.SizeLargest, false)
		if err != nil {
			return nil, err
		}
		reqs[i] = graphapi.BatchRequest{URL: path}
	}
	resps, err := d.Client.Batch(ctx, reqs)
	if err != nil {
		return nil, fmt.Errorf("check current photos: %w", err)
	}
	out := make([]PhotoCheck, len(resps))
	for i, r := range resps {
		switch {
		case r.Err == nil:
			m, err := graphapi.DecodePhotoMeta(r.Body)
			if err != nil {
				out[i].Err = fmt.Errorf("check the current photo: %w", err)
				continue
			}
			out[i].Has = !m.IsPlaceholder()
		case graphapi.IsNoMailbox(r.Err):
			out[i].NoMailbox = true // and no photo that could be read
		case graphapi.IsNoPhoto(r.Err):
			// none: Has stays false
		case ctx.Err() != nil:
			return nil, ctx.Err()
		default:
			out[i].Err = fmt.Errorf("check the current photo: %w", r.Err)
		}
	}
	return out, nil
}

// errNoDirectory is BuildPlan without a Directory.
var errNoDirectory = errors.New("import: no directory to look people up in")
