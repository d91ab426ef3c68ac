package graphapi

// Wire types: the JSON Graph sends for the people we list and search. Only
// the fields Photo Desk shows are declared; $select asks for just these.
// They carry an Info suffix because User, Group and Contact are the Subject
// constructors, and Go has one namespace for both.

// UserInfo is a directory user.
// https://learn.microsoft.com/graph/api/resources/user
type UserInfo struct {
	ID                string `json:"id"`
	DisplayName       string `json:"displayName"`
	UserPrincipalName string `json:"userPrincipalName"`
	Mail              string `json:"mail"`
	JobTitle          string `json:"jobTitle"`
	Department        string `json:"department"`
}

// GroupInfo is a directory group (Microsoft 365 groups have photos).
// https://learn.microsoft.com/graph/api/resources/group
type GroupInfo struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
	Mail        string `json:"mail"`
	Description string `json:"description"`
}

// EmailAddress is a name and address pair on a contact.
// https://learn.microsoft.com/graph/api/resources/emailaddress
type EmailAddress struct {
	Name    string `json:"name"`
	Address string `json:"address"`
}

// ContactInfo is an Outlook contact.
// https://learn.microsoft.com/graph/api/resources/contact
type ContactInfo struct {
	ID             string         `json:"id"`
	DisplayName    string         `json:"displayName"`
	EmailAddresses []EmailAddress `json:"emailAddresses"`
	JobTitle       string         `json:"jobTitle"`
	CompanyName    string         `json:"companyName"`
}

// ContactFolder is a folder of Outlook contacts.
// https://learn.microsoft.com/graph/api/resources/contactfolder
type ContactFolder struct {
	ID             string `json:"id"`
	DisplayName    string `json:"displayName"`
	ParentFolderID string `json:"parentFolderId"`
}

// DirectoryObject is one group member. Members are of mixed types (users,
// groups, devices, service principals), told apart by ODataType such as
// "#microsoft.graph.user"; the user fields are filled when they apply.
// https://learn.microsoft.com/graph/api/resources/directoryobject
type DirectoryObject struct {
	ODataType string `json:"@odata.type"`
	UserInfo
}

// IsUser reports whether the member is a user, the only kind with a user photo.
func (d DirectoryObject) IsUser() bool { return d.ODataType == "#microsoft.graph.user" }
