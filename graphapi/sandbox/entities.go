package sandbox

import "strings"

// entityType describes how one Graph type is shown, searched and filtered.
type entityType struct {
	name  string // OData type without the '#', e.g. "microsoft.graph.user"
	props []propDef
	// search and filter list the properties $search and $filter accept.
	search []string
	filter []string
}

// propDef is one property: its Graph name, whether v1.0 returns it without
// $select (beta returns everything), and how to read it.
type propDef struct {
	name string
	dflt bool
	get  func(any) any
}

// lookup finds a property by name, case-insensitively as Graph does.
func (t *entityType) lookup(name string) (propDef, bool) {
	for _, p := range t.props {
		if strings.EqualFold(p.name, name) {
			return p, true
		}
	}
	return propDef{}, false
}

// str reads a string property for $search and $filter ("" when unset).
func (t *entityType) str(item any, name string) string {
	p, ok := t.lookup(name)
	if !ok {
		return ""
	}
	s, _ := p.get(item).(string)
	return s
}

// render writes item's properties: the selected ones when sel is set, else
// the version's default set. withType adds @odata.type first, as Graph does
// in mixed collections such as group members.
func (t *entityType) render(item any, version string, sel []string, withType bool) object {
	o := object{}
	if withType {
		o = append(o, field{"@odata.type", "#" + t.name})
	}
	for _, p := range t.props {
		switch {
		case sel != nil:
			if !containsFold(sel, p.name) {
				continue
			}
		case version == "v1.0" && !p.dflt:
			continue
		}
		o = append(o, field{p.name, p.get(item)})
	}
	return o
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func userProp(name string, dflt bool, get func(u *User) any) propDef {
	return propDef{name, dflt, func(x any) any { return get(x.(*User)) }}
}

func groupProp(name string, dflt bool, get func(g *Group) any) propDef {
	return propDef{name, dflt, func(x any) any { return get(x.(*Group)) }}
}

func contactProp(name string, get func(c *Contact) any) propDef {
	return propDef{name, true, func(x any) any { return get(x.(*Contact)) }}
}

func folderProp(name string, get func(f *ContactFolder) any) propDef {
	return propDef{name, true, func(x any) any { return get(x.(*ContactFolder)) }}
}

// userType is microsoft.graph.user with the v1.0 default property set first.
var userType = &entityType{
	name: "microsoft.graph.user",
	props: []propDef{
		userProp("businessPhones", true, func(u *User) any { return append([]string{}, u.BusinessPhones...) }),
		userProp("displayName", true, func(u *User) any { return u.DisplayName }),
		userProp("givenName", true, func(u *User) any { return nullable(u.GivenName) }),
		userProp("jobTitle", true, func(u *User) any { return nullable(u.JobTitle) }),
		userProp("mail", true, func(u *User) any { return nullable(u.Mail) }),
		userProp("mobilePhone", true, func(u *User) any { return nullable(u.MobilePhone) }),
		userProp("officeLocation", true, func(u *User) any { return nullable(u.OfficeLocation) }),
		userProp("preferredLanguage", true, func(u *User) any { return "en-US" }),
		userProp("surname", true, func(u *User) any { return nullable(u.Surname) }),
		userProp("userPrincipalName", true, func(u *User) any { return u.UserPrincipalName }),
		userProp("id", true, func(u *User) any { return u.ID }),
		userProp("accountEnabled", false, func(u *User) any { return true }),
		userProp("companyName", false, func(u *User) any {
			if u.UserType == "Guest" {
				return nil
			}
			return "Contoso"
		}),
		userProp("department", false, func(u *User) any { return nullable(u.Department) }),
		userProp("mailNickname", false, func(u *User) any {
			nick, _, _ := strings.Cut(u.UserPrincipalName, "@")
			return nick
		}),
		userProp("userType", false, func(u *User) any { return u.UserType }),
	},
	search: []string{"displayName", "givenName", "surname", "mail", "userPrincipalName", "jobTitle", "department", "mailNickname"},
	filter: []string{"id", "displayName", "givenName", "surname", "mail", "mailNickname", "userPrincipalName", "jobTitle", "department", "userType"},
}

// groupType is microsoft.graph.group.
var groupType = &entityType{
	name: "microsoft.graph.group",
	props: []propDef{
		groupProp("id", true, func(g *Group) any { return g.ID }),
		groupProp("deletedDateTime", true, func(g *Group) any { return nil }),
		groupProp("createdDateTime", true, func(g *Group) any { return "2023-01-09T08:00:00Z" }),
		groupProp("description", true, func(g *Group) any { return nullable(g.Description) }),
		groupProp("displayName", true, func(g *Group) any { return g.DisplayName }),
		groupProp("groupTypes", true, func(g *Group) any { return []string{"Unified"} }),
		groupProp("mail", true, func(g *Group) any { return nullable(g.Mail) }),
		groupProp("mailEnabled", true, func(g *Group) any { return true }),
		groupProp("mailNickname", true, func(g *Group) any {
			nick, _, _ := strings.Cut(g.Mail, "@")
			return nick
		}),
		groupProp("securityEnabled", true, func(g *Group) any { return false }),
		groupProp("visibility", true, func(g *Group) any { return "Public" }),
	},
	search: []string{"displayName", "description", "mail", "mailNickname"},
	filter: []string{"id", "displayName", "mail", "mailNickname"},
}

// contactType is microsoft.graph.contact (an Outlook item).
var contactType = &entityType{
	name: "microsoft.graph.contact",
	props: []propDef{
		contactProp("id", func(c *Contact) any { return c.ID }),
		contactProp("parentFolderId", func(c *Contact) any { return c.ParentFolderID }),
		contactProp("displayName", func(c *Contact) any { return c.DisplayName }),
		contactProp("givenName", func(c *Contact) any { return nullable(c.GivenName) }),
		contactProp("surname", func(c *Contact) any { return nullable(c.Surname) }),
		contactProp("companyName", func(c *Contact) any { return nullable(c.CompanyName) }),
		contactProp("jobTitle", func(c *Contact) any { return nullable(c.JobTitle) }),
		contactProp("emailAddresses", func(c *Contact) any {
			if c.Email == "" {
				return []any{}
			}
			return []any{object{{"name", c.DisplayName}, {"address", c.Email}}}
		}),
	},
	filter: []string{"displayName", "givenName", "surname", "companyName"},
}

// folderType is microsoft.graph.contactFolder.
var folderType = &entityType{
	name: "microsoft.graph.contactFolder",
	props: []propDef{
		folderProp("id", func(f *ContactFolder) any { return f.ID }),
		folderProp("displayName", func(f *ContactFolder) any { return f.DisplayName }),
		folderProp("parentFolderId", func(f *ContactFolder) any { return f.ParentFolderID }),
	},
	filter: []string{"displayName"},
}

// typeOf picks the entity type of a directory object in a mixed list.
func typeOf(item any) *entityType {
	switch item.(type) {
	case *User:
		return userType
	case *Group:
		return groupType
	case *Contact:
		return contactType
	}
	return folderType
}
