package app

import "strings"

// groupListFormat is how a list of groups is read: a name may hold commas, so
// only a .csv file (or one whose first line is a header naming one of
// these columns, as Entra ID's group export has) is read as a CSV.
var groupListFormat = listFormat{
	what:     "groups list",
	want:     "one group id, mail or display name a line, or a CSV",
	columns:  "id, mail or displayName",
	headers:  []string{"id", "objectid", "mail", "displayname"},
	bare:     func(first string) bool { return LooksLikeObjectID(first) || strings.Contains(first, "@") },
	bareWhat: "group id or mail",
}

// ReadGroupList reads a list of groups for export --groups-file: one group
// a line by object id, mail or display name (blank lines and lines
// starting with '#' skipped), or a CSV with an id, mail or displayName
// column, read as ReadPeopleList reads a people list. Entries come in file
// order, each once (case aside); FindGroups finds their groups.
func ReadGroupList(path string) ([]string, error) {
	entries, err := readList(path, groupListFormat)
	if err != nil {
		return nil, err
	}
	return dedupe(entries), nil
}
