package graphapi

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

func TestGetGroup(t *testing.T) {
	c, mux, _, _ := setup(t)
	const id = "02bd9fd6-8f93-4758-87c3-1fb73740a315"
	mux.HandleFunc("/v1.0/groups/{id}", func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, http.MethodGet)
		if r.PathValue("id") != id {
			writeGraphError(w, 404, "Request_ResourceNotFound", "no such group")
			return
		}
		if got := r.URL.Query().Get("$select"); got != "id,displayName,mail,description" {
			t.Errorf("$select = %q, want the GroupInfo fields", got)
		}
		fmt.Fprintf(w, `{"id":%q,"displayName":"Sales","mail":"sales@x.com"}`, id)
	})
	ctx := context.Background()
	g, err := c.GetGroup(ctx, id)
	if err != nil || g.ID != id || g.DisplayName != "Sales" || g.Mail != "sales@x.com" {
		t.Fatalf("GetGroup = %+v, %v", g, err)
	}
	if _, err := c.GetGroup(ctx, "00000000-0000-0000-0000-000000000000"); !IsNotFound(err) {
		t.Errorf("unknown group: %v, want not found", err)
	}
	if _, err := c.GetGroup(ctx, ""); err == nil {
		t.Error("empty id accepted")
	}
}
