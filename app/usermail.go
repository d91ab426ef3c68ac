package app

import (
	"context"
	"errors"
	"strings"

	"github.com/photodesk/photodesk/graphapi"
)

// ErrNoSuchMail is the answer of UserByMail (and LookupByMail) when no
// user has the address.
var ErrNoSuchMail = errors.New("no user has that mail address")

// UserByMail finds the user whose mail is exactly mail — a guest (whose
// UPN is the #EXT# one made for them) or anyone whose mail is not their
// UPN — for lists of addresses, where a lookup by path knows only UPNs and
// ids. The window's lists and the export share it. ErrNoSuchMail when
// nobody's is.
func UserByMail(ctx context.Context, c *graphapi.Client, mail string) (*graphapi.UserInfo, error) {
	mail = strings.TrimSpace(mail)
	pg := c.Users(graphapi.ListOptions{Search: searchText("mail:" + mail), Top: SearchPageSize})
	// The search matches the start of words: an exact address is among
	// the first answers, and a page or two is all a list's lookup spends.
	for pages := 0; !pg.Done() && pages < 2; pages++ {
		page, err := pg.Next(ctx)
		if err != nil {
			return nil, err
		}
		for _, u := range page {
			if strings.EqualFold(u.Mail, mail) {
				return &u, nil
			}
		}
	}
	return nil, ErrNoSuchMail
}
