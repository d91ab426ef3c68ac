package graphapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestUsersQueries(t *testing.T) {
	tests := []struct {
		name      string
		opts      ListOptions
		wantQuery url.Values
		eventual  bool
	}{
		{"plain", ListOptions{}, url.Values{"$select": {"id,displayName,userPrincipalName,mail,jobTitle,department"}}, false},
		{"search", ListOptions{Search: "ann"}, url.Values{
			"$select": {"id,displayName,userPrincipalName,mail,jobTitle,department"},
			"$search": {`"displayName:ann" OR "mail:ann"`}, "$count": {"true"},
		}, true},
		{"search verbatim", ListOptions{Search: `"jobTitle:chef"`}, url.Values{
			"$select": {"id,displayName,userPrincipalName,mail,jobTitle,department"},
			"$search": {`"jobTitle:chef"`}, "$count": {"true"},
		}, true},
		{"search clause quoted", ListOptions{Search: `jobTitle:chef`}, url.Values{
			"$select": {"id,displayName,userPrincipalName,mail,jobTitle,department"},
			"$search": {`"jobTitle:chef"`}, "$count": {"true"},
		}, true},
		{"startswith select top", ListOptions{StartsWith: "o'br", Select: []string{"id", "mail"}, Top: 999}, url.Values{
			"$select": {"id,mail"}, "$top": {"999"}, "$filter": {"startswith(displayName,'o''br')"},
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mux, _, _ := setup(t)
			mux.HandleFunc("/v1.0/users", func(w http.ResponseWriter, r *http.Request) {
				checkRequest(t, r, http.MethodGet)
				if got := r.URL.Query(); fmt.Sprint(got) != fmt.Sprint(tt.wantQuery) {
					t.Errorf("query = %v, want %v", got, tt.wantQuery)
				}
				if raw := r.URL.RawQuery; strings.Contains(raw, "+") || strings.Contains(raw, "%24") || strings.Contains(raw, "%2C") {
					t.Errorf("raw query %q: want %%20 for spaces and literal $ and commas", raw)
				}
				if got := r.Header.Get("ConsistencyLevel"); (got == "eventual") != tt.eventual {
					t.Errorf("ConsistencyLevel = %q", got)
				}
				fmt.Fprint(w, `{"value":[{"id":"1","displayName":"Ann","userPrincipalName":"ann@x","mail":"ann@x","jobTitle":"Chef"}]}`)
			})
			users, err := c.Users(tt.opts).Next(context.Background())
			if err != nil || len(users) != 1 || users[0] != (UserInfo{ID: "1", DisplayName: "Ann", UserPrincipalName: "ann@x", Mail: "ann@x", JobTitle: "Chef"}) {
				t.Fatalf("Users = %+v, %v", users, err)
			}
		})
	}
}

func TestTopOutOfRange(t *testing.T) {
	c := New()
	for _, top := range []int{-1, 1000} {
		p := c.Users(ListOptions{Top: top})
		if _, err := p.Next(context.Background()); err == nil || !p.Done() {
			t.Errorf("Top %d: err = %v, done %v", top, err, p.Done())
		}
	}
}

// pagedServer serves n items of JSON made by item, size per page, linking
// pages with an absolute @odata.nextLink as Graph does.
func pagedServer(t *testing.T, mux *http.ServeMux, serverURL, path string, n, size int, item func(i int) string) *atomic.Int32 {
	var calls atomic.Int32
	mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		checkRequest(t, r, http.MethodGet)
		start := 0
		if s := r.URL.Query().Get("$skiptoken"); s != "" {
			_, _ = fmt.Sscan(s, &start)
		}
		var items []string
		for i := start; i < min(start+size, n); i++ {
			items = append(items, item(i))
		}
		next := ""
		if start+size < n {
			next = fmt.Sprintf(`,"@odata.nextLink":"%s%s?$skiptoken=%d"`, serverURL, path, start+size)
		}
		fmt.Fprintf(w, `{"@odata.context":"x","value":[%s]%s}`, strings.Join(items, ","), next)
	})
	return &calls
}

func TestPagingFollowsNextLink(t *testing.T) {
	c, mux, srvURL, _ := setup(t)
	calls := pagedServer(t, mux, srvURL, "/v1.0/groups", 25, 10, func(i int) string {
		return fmt.Sprintf(`{"id":"g%d","displayName":"Group %d"}`, i, i)
	})
	var got []string
	for g, err := range c.Groups(ListOptions{}).All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, g.ID)
	}
	if len(got) != 25 || got[0] != "g0" || got[24] != "g24" || calls.Load() != 3 {
		t.Errorf("got %d groups %v in %d requests", len(got), got, calls.Load())
	}

	p := c.Groups(ListOptions{})
	first, err := p.Next(context.Background())
	if err != nil || len(first) != 10 || p.Done() {
		t.Fatalf("first page %d items, done %v, %v", len(first), p.Done(), err)
	}
	for range 2 {
		if _, err := p.Next(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if !p.Done() {
		t.Fatal("not done after the last page")
	}
	if items, err := p.Next(context.Background()); items != nil || err != nil {
		t.Errorf("Next after Done = %v, %v", items, err)
	}
}

func TestAllStopsEarly(t *testing.T) {
	c, mux, srvURL, _ := setup(t)
	calls := pagedServer(t, mux, srvURL, "/v1.0/users", 100, 10, func(i int) string { return fmt.Sprintf(`{"id":"u%d"}`, i) })
	n := 0
	for range c.Users(ListOptions{}).All(context.Background()) {
		n++
		if n == 15 {
			break
		}
	}
	if calls.Load() != 2 {
		t.Errorf("fetched %d pages for 15 items, want 2", calls.Load())
	}
}

func TestNextLinkToAnotherHostRefused(t *testing.T) {
	c, mux, _, _ := setup(t)
	mux.HandleFunc("/v1.0/users", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"value":[{"id":"1"}],"@odata.nextLink":"https://evil.example/v1.0/users?$skiptoken=1"}`)
	})
	p := c.Users(ListOptions{})
	if _, err := p.Next(context.Background()); err == nil || !strings.Contains(err.Error(), "evil.example") || !p.Done() {
		t.Errorf("err = %v, done %v", err, p.Done())
	}
}

func TestPageErrorEndsWalk(t *testing.T) {
	c, mux, _, _ := setup(t)
	mux.HandleFunc("/v1.0/users", func(w http.ResponseWriter, r *http.Request) {
		writeGraphError(w, 400, "Request_UnsupportedQuery", "needs ConsistencyLevel")
	})
	var errs int
	for _, err := range c.Users(ListOptions{}).All(context.Background()) {
		if hasStatus(err, 400) {
			errs++
		}
	}
	if errs != 1 {
		t.Errorf("%d errors yielded, want 1", errs)
	}
}

func TestGroupMembers(t *testing.T) {
	c, mux, _, _ := setup(t)
	mux.HandleFunc("/v1.0/groups/{id}/members", func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, http.MethodGet)
		if r.PathValue("id") != "g/1" || r.URL.Query().Get("$top") != "5" {
			t.Errorf("id %q query %v", r.PathValue("id"), r.URL.Query())
		}
		fmt.Fprint(w, `{"value":[
			{"@odata.type":"#microsoft.graph.user","id":"u1","displayName":"Ann","userPrincipalName":"ann@x"},
			{"@odata.type":"#microsoft.graph.group","id":"g2","displayName":"Nested"}]}`)
	})
	members, err := c.GroupMembers("g/1", ListOptions{Top: 5}).Next(context.Background())
	if err != nil || len(members) != 2 {
		t.Fatalf("members = %+v, %v", members, err)
	}
	if !members[0].IsUser() || members[0].UserPrincipalName != "ann@x" || members[1].IsUser() || members[1].ID != "g2" {
		t.Errorf("members = %+v", members)
	}
	if _, err := c.GroupMembers("", ListOptions{}).Next(context.Background()); err == nil {
		t.Error("empty group id accepted")
	}
}

func TestContactsAndFolders(t *testing.T) {
	c, mux, _, _ := setup(t)
	contacts := `{"value":[
		{"id":"c1","displayName":"Ann Lee","emailAddresses":[{"name":"Ann","address":"ann@fabrikam.com"}],"jobTitle":"Chef","companyName":"Fabrikam"},
		{"id":"c2","displayName":"Bob Annton","emailAddresses":[{"address":"bob@contoso.com"}]},
		{"id":"c3","displayName":"Carla Dean","emailAddresses":[{"address":"carla@annex.org"}]}]}`
	seen := map[string]bool{}
	for _, p := range []string{"/v1.0/me/contacts", "/v1.0/me/contactFolders/f1/contacts", "/v1.0/users/" + guestUPN + "/contacts"} {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			checkRequest(t, r, http.MethodGet)
			seen[r.URL.Path] = true
			if r.URL.Query().Get("$select") != "id,displayName,emailAddresses,jobTitle,companyName" {
				t.Errorf("$select = %q", r.URL.Query().Get("$select"))
			}
			if r.URL.Query().Has("$search") || r.URL.Query().Has("$filter") {
				t.Errorf("contacts query sent to Graph: %v", r.URL.Query())
			}
			fmt.Fprint(w, contacts)
		})
	}
	mux.HandleFunc("/v1.0/me/contactFolders", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"value":[{"id":"f1","displayName":"Suppliers","parentFolderId":"root"}]}`)
	})
	ctx := context.Background()
	ids := func(cs []ContactInfo) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		owner  Subject
		folder string
		opts   ListOptions
		want   string
	}{
		{Me(), "", ListOptions{}, "c1,c2,c3"},
		{Me(), "f1", ListOptions{Search: "ann"}, "c1,c2,c3"},
		{Me(), "f1", ListOptions{Search: "Dean"}, "c3"},
		{Me(), "", ListOptions{Search: "contoso"}, "c2"},
		{Me(), "", ListOptions{Search: "ee"}, ""},
		{User(guestUPN), "", ListOptions{StartsWith: "b"}, "c2"},
		{Me(), "", ListOptions{Search: "lee", StartsWith: "ann"}, "c1"},
	}
	for _, tt := range tests {
		got, err := c.Contacts(tt.owner, tt.folder, tt.opts).Next(ctx)
		if err != nil || ids(got) != tt.want {
			t.Errorf("Contacts(%v, %q, %+v) = %s, %v; want %s", tt.owner, tt.folder, tt.opts, ids(got), err, tt.want)
		}
	}
	if len(seen) != 3 {
		t.Errorf("paths seen: %v", seen)
	}
	all, err := c.Contacts(Me(), "", ListOptions{}).Next(ctx)
	if err != nil || all[0].EmailAddresses[0].Address != "ann@fabrikam.com" || all[0].CompanyName != "Fabrikam" {
		t.Errorf("contact fields: %+v", all)
	}
	folders, err := c.ContactFolders(Me()).Next(ctx)
	if err != nil || len(folders) != 1 || folders[0] != (ContactFolder{"f1", "Suppliers", "root"}) {
		t.Errorf("ContactFolders = %+v, %v", folders, err)
	}
	if _, err := c.Contacts(Group("g"), "", ListOptions{}).Next(ctx); err == nil {
		t.Error("a group accepted as contact owner")
	}
	if _, err := c.ContactFolders(User("")).Next(ctx); err == nil {
		t.Error("a user without id accepted as owner")
	}
}

func TestGetUserAndMe(t *testing.T) {
	c, mux, _, _ := setup(t)
	mux.HandleFunc("/v1.0/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, http.MethodGet)
		if r.PathValue("id") != guestUPN {
			writeGraphError(w, 404, "Request_ResourceNotFound", "no such user")
			return
		}
		if got := r.URL.Query().Get("$select"); got != "id,mail" {
			t.Errorf("$select = %q", got)
		}
		fmt.Fprint(w, `{"id":"1","mail":"jane@x.com"}`)
	})
	mux.HandleFunc("/v1.0/me", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"id":"me1","displayName":"Me","userPrincipalName":"me@t"}`)
	})
	ctx := context.Background()
	u, err := c.GetUser(ctx, guestUPN, "id", "mail")
	if err != nil || u.Mail != "jane@x.com" {
		t.Fatalf("GetUser = %+v, %v", u, err)
	}
	if _, err := c.GetUser(ctx, "nobody"); !IsNotFound(err) {
		t.Errorf("unknown user: %v", err)
	}
	if _, err := c.GetUser(ctx, ""); err == nil {
		t.Error("empty id accepted")
	}
	me, err := c.GetMe(ctx)
	if err != nil || me.UserPrincipalName != "me@t" {
		t.Errorf("GetMe = %+v, %v", me, err)
	}
}

// A page Graph keeps refusing past the retries (503 every time) leaves the
// pager on that page: it is not Done, and the next Next asks for the same
// nextLink again, so the walk goes on with nothing skipped or repeated.
func TestFailedPageIsAskedForAgain(t *testing.T) {
	c, mux, srvURL, _ := setup(t)
	var failing atomic.Bool
	var skiptokens []string
	var mu sync.Mutex
	mux.HandleFunc("/v1.0/users", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		skiptokens = append(skiptokens, r.URL.Query().Get("$skiptoken"))
		mu.Unlock()
		if r.URL.Query().Get("$skiptoken") == "" {
			fmt.Fprintf(w, `{"value":[{"id":"u0"},{"id":"u1"}],"@odata.nextLink":"%s/v1.0/users?$skiptoken=2"}`, srvURL)
			return
		}
		if failing.Load() {
			writeGraphError(w, 503, "ServiceNotAvailable", "busy")
			return
		}
		fmt.Fprint(w, `{"value":[{"id":"u2"},{"id":"u3"}]}`)
	})
	p := c.Users(ListOptions{})
	var got []string
	add := func(us []UserInfo) {
		for _, u := range us {
			got = append(got, u.ID)
		}
	}
	first, err := p.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	add(first)
	failing.Store(true)
	if items, err := p.Next(context.Background()); !hasStatus(err, 503) || items != nil {
		t.Fatalf("second page = %v, %v; want the 503", items, err)
	}
	if p.Done() {
		t.Fatal("Done after a page failed: the rest can never be loaded")
	}
	failing.Store(false)
	second, err := p.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	add(second)
	if !p.Done() || strings.Join(got, ",") != "u0,u1,u2,u3" {
		t.Errorf("got %v, done %v; want u0..u3 once each, then done", got, p.Done())
	}
	mu.Lock()
	defer mu.Unlock()
	for _, tok := range skiptokens[1:] {
		if tok != "2" {
			t.Errorf("requests %v: a retry did not ask for the failed page's nextLink", skiptokens)
		}
	}
}
