package sandbox

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// page is a decoded collection answer.
type page struct {
	context  string
	count    float64
	hasCount bool
	next     string
	values   []map[string]any
}

func readPage(t *testing.T, r result) page {
	t.Helper()
	wantStatus(t, r, 200)
	m := r.json(t)
	p := page{}
	p.context, _ = m["@odata.context"].(string)
	p.count, p.hasCount = m["@odata.count"].(float64)
	p.next, _ = m["@odata.nextLink"].(string)
	for _, v := range m["value"].([]any) {
		p.values = append(p.values, v.(map[string]any))
	}
	return p
}

// collect follows nextLinks to the end and returns every item.
func collect(t *testing.T, c *client, path string, headers ...string) []map[string]any {
	t.Helper()
	var all []map[string]any
	for i := 0; path != ""; i++ {
		if i > 200 {
			t.Fatal("paging does not end")
		}
		p := readPage(t, c.get(path, headers...))
		if p.next != "" && !strings.HasPrefix(p.next, c.base+"/") {
			t.Fatalf("nextLink %q does not point back at %s", p.next, c.base)
		}
		all = append(all, p.values...)
		path = p.next
	}
	return all
}

func ids(items []map[string]any) []string {
	var out []string
	for _, it := range items {
		out = append(out, it["id"].(string))
	}
	return out
}

func TestUsersListAndPaging(t *testing.T) {
	c := demo(t)
	var want []string
	for _, u := range shared.Directory().Users() {
		want = append(want, u.ID)
	}
	first := readPage(t, c.get("/users"))
	if len(first.values) != 100 || !strings.Contains(first.next, "$skiptoken=") {
		t.Fatalf("default page has %d users, nextLink %q", len(first.values), first.next)
	}
	if !strings.HasSuffix(first.context, "/v1.0/$metadata#users") {
		t.Errorf("context %q", first.context)
	}
	wantKeys := []string{"businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"}
	for k := range first.values[0] {
		if !slices.Contains(wantKeys, k) {
			t.Errorf("v1.0 default user property %q", k)
		}
	}
	got := ids(collect(t, c, "/users?$top=37"))
	if !slices.Equal(got, want) {
		t.Fatalf("paging with $top=37 returned %d users, want the directory's %d in order", len(got), len(want))
	}
	one := readPage(t, c.get("/users?$top=999"))
	if len(one.values) != len(want) || one.next != "" {
		t.Errorf("$top=999: %d users, nextLink %q", len(one.values), one.next)
	}
	beta := readPage(t, demo(t).as(c.token).get(strings.Replace(c.base, "/v1.0", "/beta", 1)+"/users?$top=1"))
	if _, ok := beta.values[0]["department"]; !ok || !strings.Contains(beta.context, "/beta/$metadata#users") {
		t.Errorf("beta user %v (context %s)", beta.values[0], beta.context)
	}
}

func TestTopLimits(t *testing.T) {
	c := demo(t)
	for _, top := range []string{"0", "1000", "-1", "ten"} {
		msg := wantError(t, c.get("/users?$top="+top), 400, "Request_BadRequest")
		if !strings.Contains(msg, "Must be between 1 and 999") {
			t.Errorf("$top=%s: %q", top, msg)
		}
	}
	if p := readPage(t, c.get("/users?$top=1")); len(p.values) != 1 {
		t.Errorf("$top=1 gave %d", len(p.values))
	}
	if p := readPage(t, c.get("/users?top=2")); len(p.values) != 2 { // v1.0 accepts options without '$'
		t.Errorf("top=2 gave %d", len(p.values))
	}
	wantError(t, c.get("/groups?$top=1000"), 400, "Request_BadRequest")
	wantError(t, c.get("/users?$skiptoken=bogus"), 400, "Directory_InvalidSkipToken")
}

func TestSelect(t *testing.T) {
	c := demo(t)
	p := readPage(t, c.get("/users?$select=displayName,userPrincipalName,department&$top=5"))
	for _, v := range p.values {
		if len(v) != 3 || v["userPrincipalName"] == nil {
			t.Errorf("selected user %v", v)
		}
	}
	if !strings.HasSuffix(p.context, "#users(displayName,userPrincipalName,department)") {
		t.Errorf("context %q", p.context)
	}
	r := c.get("/me?$select=id,jobTitle")
	if got := keys(t, r.body); !slices.Equal(got, []string{"@odata.context", "jobTitle", "id"}) {
		t.Errorf("/me $select keys %v", got)
	}
	msg := wantError(t, c.get("/users?$select=displayName,shoeSize"), 400, "Request_BadRequest")
	if msg != "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'." {
		t.Errorf("message %q", msg)
	}
}

// matchesSearch is the test's own reading of token search: some word of
// the value starts with the query.
func matchesSearch(value, q string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(value), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if strings.HasPrefix(w, q) {
			return true
		}
	}
	return false
}

func TestSearch(t *testing.T) {
	c := demo(t)
	q := url.QueryEscape(`"displayName:ma" OR "mail:ma"`)
	msg := wantError(t, c.get("/users?$search="+q), 400, "Request_UnsupportedQuery")
	if !strings.Contains(msg, "ConsistencyLevel: eventual") {
		t.Errorf("message %q", msg)
	}
	got := collect(t, c, "/users?$search="+q+"&$top=3&$select=id,displayName,mail", "ConsistencyLevel: eventual")
	var want []string
	for _, u := range shared.Directory().Users() {
		if matchesSearch(u.DisplayName, "ma") || matchesSearch(u.Mail, "ma") {
			want = append(want, u.ID)
		}
	}
	if len(want) < 4 || !slices.Equal(ids(got), want) {
		t.Fatalf("search found %v, want %v", ids(got), want)
	}
	p := readPage(t, c.get("/users?$search="+q+"&$count=true", "ConsistencyLevel: eventual"))
	if !p.hasCount || int(p.count) != len(want) {
		t.Errorf("@odata.count %v, want %d", p.count, len(want))
	}
	// token match, not substring: "nna" is inside Anna but starts no word
	none := readPage(t, c.get("/users?$search="+url.QueryEscape(`"displayName:nna"`), "ConsistencyLevel: eventual"))
	if len(none.values) != 0 {
		t.Errorf(`"displayName:nna" found %d users`, len(none.values))
	}
	// AND binds both words; two words in one clause must both match
	adele := readPage(t, c.get("/users?$search="+url.QueryEscape(`"displayName:adele" AND "displayName:van"`), "ConsistencyLevel: eventual"))
	if len(adele.values) != 1 || adele.values[0]["displayName"] != "Adele Vance" {
		t.Errorf("AND search %v", adele.values)
	}
	two := readPage(t, c.get("/users?$search="+url.QueryEscape(`"displayName:ad va"`), "ConsistencyLevel: eventual"))
	if len(two.values) != 1 {
		t.Errorf("two-word search %v", two.values)
	}
	guest := readPage(t, c.get("/users?$search="+url.QueryEscape(`"mail:jane@fabrikam"`), "ConsistencyLevel: eventual"))
	if len(guest.values) != 1 || guest.values[0]["userPrincipalName"] != "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com" {
		t.Errorf("guest search %v", guest.values)
	}
	wantError(t, c.get("/users?$search="+url.QueryEscape(`"shoeSize:9"`), "ConsistencyLevel: eventual"), 400, "Request_UnsupportedQuery")
	wantError(t, c.get("/users?$search="+url.QueryEscape(`"displayName:ann`), "ConsistencyLevel: eventual"), 400, "Request_UnsupportedQuery")
	// a property clause must be quoted, as Graph wants
	wantError(t, c.get("/users?$search="+url.QueryEscape(`displayName:meg`), "ConsistencyLevel: eventual"), 400, "Request_UnsupportedQuery")
	wantError(t, c.get("/users?$count=true"), 400, "Request_BadRequest")

	groups := readPage(t, c.get("/groups?$search="+url.QueryEscape(`"displayName:sal"`), "ConsistencyLevel: eventual"))
	if len(groups.values) != 1 || groups.values[0]["displayName"] != "Sales" {
		t.Errorf("group search %v", groups.values)
	}
	wantError(t, c.get("/groups?$search="+url.QueryEscape(`"displayName:sal"`)), 400, "Request_UnsupportedQuery")
}

func TestFilter(t *testing.T) {
	c := demo(t)
	users := shared.Directory().Users()
	count := func(f func(*User) bool) int {
		n := 0
		for _, u := range users {
			if f(u) {
				n++
			}
		}
		return n
	}
	cases := []struct {
		filter string
		want   func(*User) bool
	}{
		{"startswith(displayName,'a')", func(u *User) bool { return strings.HasPrefix(strings.ToLower(u.DisplayName), "a") }},
		{"startswith(displayName,'AD')", func(u *User) bool { return strings.HasPrefix(strings.ToLower(u.DisplayName), "ad") }},
		{"startswith(userPrincipalName,'jane_')", func(u *User) bool { return strings.HasPrefix(u.UserPrincipalName, "jane_") }},
		{"startswith(mail,'megan')", func(u *User) bool { return strings.HasPrefix(u.Mail, "megan") }},
		{"userPrincipalName eq 'ADELE.VANCE@contoso.onmicrosoft.com'", func(u *User) bool { return u.UserPrincipalName == "adele.vance@contoso.onmicrosoft.com" }},
		{"startswith(displayName,'a') or startswith(displayName,'b')", func(u *User) bool {
			l := strings.ToLower(u.DisplayName)
			return strings.HasPrefix(l, "a") || strings.HasPrefix(l, "b")
		}},
		{"(startswith(displayName,'a') and userType eq 'Guest')", func(u *User) bool {
			return strings.HasPrefix(strings.ToLower(u.DisplayName), "a") && u.UserType == "Guest"
		}},
		{"mailNickname in ('MEGAN.BOWEN','nestor.wilke')", func(u *User) bool {
			return u.UserPrincipalName == "megan.bowen@contoso.onmicrosoft.com" || u.UserPrincipalName == "nestor.wilke@contoso.onmicrosoft.com"
		}},
		{"displayName in ('megan bowen','Adele Vance')", func(u *User) bool {
			return u.DisplayName == "Megan Bowen" || u.DisplayName == "Adele Vance"
		}},
		{"userPrincipalName in ('megan.bowen@contoso.onmicrosoft.com','nestor.wilke@contoso.onmicrosoft.com')", func(u *User) bool {
			return u.UserPrincipalName == "megan.bowen@contoso.onmicrosoft.com" || u.UserPrincipalName == "nestor.wilke@contoso.onmicrosoft.com"
		}},
	}
	for _, tc := range cases {
		got := collect(t, c, "/users?$filter="+url.QueryEscape(tc.filter))
		if want := count(tc.want); len(got) != want || want == 0 {
			t.Errorf("%s: %d users, want %d", tc.filter, len(got), want)
		}
	}
	for _, bad := range []string{"endswith(mail,'x')", "shoeSize eq '9'", "startswith(displayName,a)"} {
		wantError(t, c.get("/users?$filter="+url.QueryEscape(bad)), 400, "Request_UnsupportedQuery")
	}
	// Graph takes at most 15 expressions in an in (…) list.
	vals := make([]string, 16)
	for i := range vals {
		vals[i] = fmt.Sprintf("'u%d'", i)
	}
	r := c.get("/users?$filter=" + url.QueryEscape("mail in ("+strings.Join(vals, ",")+")"))
	wantError(t, r, 400, "Request_UnsupportedQuery")
	if !strings.Contains(string(r.body), "Max allowed: 15") {
		t.Errorf("16 values: %s", r.body)
	}
	if got := collect(t, c, "/users?$filter="+url.QueryEscape("mail in ("+strings.Join(vals[:15], ",")+")")); len(got) != 0 {
		t.Errorf("15 unknown mails matched %d users", len(got))
	}
	g := readPage(t, c.get("/groups?$filter="+url.QueryEscape("startswith(displayName,'new')")))
	if len(g.values) != 1 || g.values[0]["displayName"] != "New Hires" {
		t.Errorf("group filter %v", g.values)
	}
	o := readPage(t, c.get("/users?$orderby=displayName&$top=999&$select=displayName"))
	names := make([]string, len(o.values))
	for i, v := range o.values {
		names[i] = strings.ToLower(v["displayName"].(string))
	}
	if !slices.IsSorted(names) {
		t.Error("$orderby=displayName is not sorted")
	}
}

func TestUserLookup(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	for _, key := range []string{ex.UpTo240.ID, strings.ToUpper(ex.UpTo240.ID), ex.UpTo240.UserPrincipalName, "MEGAN.BOWEN@contoso.onmicrosoft.com"} {
		r := c.get("/users/" + url.PathEscape(key))
		wantStatus(t, r, 200)
		if r.json(t)["id"] != ex.UpTo240.ID {
			t.Errorf("/users/%s is %s", key, r.body)
		}
	}
	me := c.get("/me")
	if m := me.json(t); m["userPrincipalName"] != "helpdesk@contoso.onmicrosoft.com" || m["displayName"] != "Helpdesk Demo" {
		t.Errorf("/me %v", m)
	}
	if ctx := me.json(t)["@odata.context"].(string); !strings.HasSuffix(ctx, "$metadata#users/$entity") {
		t.Errorf("context %s", ctx)
	}
	wantError(t, c.get("/users/nobody@contoso.onmicrosoft.com"), 404, "Request_ResourceNotFound")
	wantError(t, c.get("/users/nobody@contoso.onmicrosoft.com/photo"), 404, "ErrorInvalidUser")
	wantError(t, c.get("/groups/00000000-0000-4000-8000-000000000000"), 404, "Request_ResourceNotFound")
	wantError(t, c.get("/groups/00000000-0000-4000-8000-000000000000/photo"), 404, "Request_ResourceNotFound")
	g := c.get("/groups/" + ex.Sales.ID)
	if m := g.json(t); m["displayName"] != "Sales" || m["mail"] != "sales@contoso.onmicrosoft.com" {
		t.Errorf("group %v", m)
	}
}

func TestGroupMembers(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	all := collect(t, c, "/groups/"+ex.NewHires.ID+"/members?$top=4")
	if len(all) != len(ex.NewHires.Members) {
		t.Fatalf("%d members, want %d", len(all), len(ex.NewHires.Members))
	}
	types := map[string]int{}
	for _, m := range all {
		types[m["@odata.type"].(string)]++
	}
	if types["#microsoft.graph.group"] != 1 || types["#microsoft.graph.user"] != len(all)-1 {
		t.Errorf("member types %v", types)
	}
	p := readPage(t, c.get("/groups/"+ex.NewHires.ID+"/members"))
	if !strings.HasSuffix(p.context, "#directoryObjects") {
		t.Errorf("context %s", p.context)
	}
	users := collect(t, c, "/groups/"+ex.NewHires.ID+"/members/microsoft.graph.user")
	if len(users) != len(all)-1 {
		t.Errorf("cast to users: %d", len(users))
	}
	groups := readPage(t, c.get("/groups/"+ex.NewHires.ID+"/members/microsoft.graph.group"))
	if len(groups.values) != 1 || groups.values[0]["id"] != ex.Interns.ID {
		t.Errorf("cast to groups: %v", groups.values)
	}
	wantError(t, c.get("/groups/"+ex.NewHires.ID+"/members/microsoft.graph.device"), 400, "BadRequest")
	sel := readPage(t, c.get("/groups/"+ex.NewHires.ID+"/members?$select=id,displayName"))
	if len(sel.values[0]) != 3 { // @odata.type stays
		t.Errorf("selected member %v", sel.values[0])
	}
}

// TestLargeGroupPaging pages the 1,000-member group of a big tenant to the end.
func TestLargeGroupPaging(t *testing.T) {
	h, c := isolated(t, 1200)
	g := h.dir.Examples().AllCompany
	pages := 0
	path := "/groups/" + g.ID + "/members?$select=id"
	var got []string
	for path != "" {
		p := readPage(t, c.get(path))
		got = append(got, ids(p.values)...)
		path, pages = p.next, pages+1
	}
	if len(got) != 1000 || pages != 10 {
		t.Errorf("%d members in %d pages, want 1000 in 10", len(got), pages)
	}
	if got[999] != h.dir.Users()[999].ID {
		t.Error("members are not in directory order")
	}
}

func TestContactsAndFolders(t *testing.T) {
	c := demo(t)
	dir := shared.Directory()
	ex := dir.Examples()
	var root []string
	for _, ct := range dir.Contacts(ex.Helpdesk.ID) {
		if ct.ParentFolderID == ex.ContactWithPhoto.ParentFolderID {
			root = append(root, ct.ID)
		}
	}
	got := collect(t, c, "/me/contacts?$top=3")
	if !slices.Equal(ids(got), root) {
		t.Errorf("/me/contacts %v, want %v", ids(got), root)
	}
	p := readPage(t, c.get("/me/contacts?$top=3"))
	if !strings.Contains(p.next, "$skip=3") {
		t.Errorf("Outlook nextLink %q", p.next)
	}
	if len(readPage(t, c.get("/me/contacts")).values) != min(10, len(root)) {
		t.Error("Outlook default page is not 10")
	}
	first := got[0]
	for _, k := range []string{"id", "displayName", "emailAddresses", "parentFolderId"} {
		if _, ok := first[k]; !ok {
			t.Errorf("contact lacks %s: %v", k, first)
		}
	}
	folders := readPage(t, c.get("/me/contactFolders"))
	if len(folders.values) != 2 || folders.values[0]["displayName"] != "Suppliers" {
		t.Errorf("folders %v", folders.values)
	}
	inFolder := collect(t, c, "/me/contactFolders/"+ex.Folder.ID+"/contacts")
	if len(inFolder) == 0 || inFolder[0]["id"] != ex.FolderContact.ID {
		t.Errorf("folder contacts %v", ids(inFolder))
	}
	f := c.get("/me/contactfolders/" + ex.Folder.ID)
	if f.json(t)["displayName"] != "Suppliers" {
		t.Errorf("folder %s", f.body)
	}
	one := c.get("/users/" + url.PathEscape(ex.Helpdesk.UserPrincipalName) + "/contacts/" + ex.ContactNoPhoto.ID)
	if one.json(t)["id"] != ex.ContactNoPhoto.ID {
		t.Errorf("contact %s", one.body)
	}
	filtered := readPage(t, c.get("/me/contacts?$filter="+url.QueryEscape("emailAddresses/any(a:a/address eq '"+ex.ContactNoPhoto.Email+"')")))
	if len(filtered.values) != 1 || filtered.values[0]["id"] != ex.ContactNoPhoto.ID {
		t.Errorf("email filter %v", filtered.values)
	}
	wantError(t, c.get("/me/contactFolders/AAMkAnope/contacts"), 404, "ErrorItemNotFound")
	wantError(t, c.get("/me/contacts?$search=ann"), 400, "ErrorInvalidUrlQuery")
	if n := len(readPage(t, c.get("/me/contacts?$count=true")).values); n == 0 {
		t.Error("$count on contacts refused")
	}
}

func TestRoutingErrors(t *testing.T) {
	c := demo(t)
	msg := wantError(t, c.get("/users/x/manager"), 400, "BadRequest")
	if msg != "Resource not found for the segment 'manager'." {
		t.Errorf("message %q", msg)
	}
	wantError(t, c.get("/applications"), 400, "BadRequest")
	wantError(t, c.get(strings.Replace(c.base, "/v1.0", "/v2.0", 1)+"/me"), 400, "BadRequest")
	wantError(t, c.do("DELETE", "/me", nil), 405, "Request_BadRequest")
	wantError(t, c.do("POST", "/me/photo/$value", nil), 405, "Request_BadRequest")
	wantError(t, c.get("/me/contacts/x/y"), 400, "BadRequest")
	// segment names are case-insensitive
	wantStatus(t, c.get("/ME/PHOTO"), 200)
	wantStatus(t, c.get("/Users?$Top=1"), 200)
}

func TestStandardHeaders(t *testing.T) {
	c := demo(t)
	r := c.get("/me", "client-request-id: 11111111-2222-3333-4444-555555555555")
	if r.header.Get("client-request-id") != "11111111-2222-3333-4444-555555555555" {
		t.Errorf("client-request-id %q not echoed", r.header.Get("client-request-id"))
	}
	if !reGUID.MatchString(r.header.Get("request-id")) {
		t.Errorf("request-id %q", r.header.Get("request-id"))
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json;odata.metadata=minimal") {
		t.Errorf("Content-Type %q", ct)
	}
	e := c.get("/users/nobody", "client-request-id: abc")
	wantError(t, e, 404, "Request_ResourceNotFound")
	if !strings.Contains(string(e.body), `"client-request-id":"abc"`) {
		t.Errorf("innerError does not echo the client-request-id: %s", e.body)
	}
	other := c.get("/me")
	if other.header.Get("request-id") == r.header.Get("request-id") {
		t.Error("request-id repeats")
	}
}

func TestCountSegment(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	r := c.get("/users/$count", "ConsistencyLevel: eventual")
	wantStatus(t, r, 200)
	if string(r.body) != itoa(len(shared.Directory().Users())) || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
		t.Errorf("/users/$count = %q (%s)", r.body, r.header.Get("Content-Type"))
	}
	wantError(t, c.get("/users/$count"), 400, "Request_BadRequest")
	f := c.get("/users/$count?$filter="+url.QueryEscape("startswith(displayName,'adele')"), "ConsistencyLevel: eventual")
	if string(f.body) != "1" {
		t.Errorf("filtered count %q", f.body)
	}
	m := c.get("/groups/"+ex.NewHires.ID+"/members/$count", "ConsistencyLevel: eventual")
	if string(m.body) != itoa(len(ex.NewHires.Members)) {
		t.Errorf("members count %q", m.body)
	}
	g := c.get("/groups/$count", "ConsistencyLevel: eventual")
	if string(g.body) != itoa(len(shared.Directory().Groups())) {
		t.Errorf("groups count %q", g.body)
	}
}
