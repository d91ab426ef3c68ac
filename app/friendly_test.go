package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

func gerr(status int, code, url string) error {
	// Wrapped the way graphapi and app wrap it, so Friendly must unwrap.
	return fmt.Errorf("photo of user x: %w", &graphapi.Error{Status: status, Code: code, Message: "graph says " + code, RequestID: "req-42", URL: url})
}

func TestFriendly(t *testing.T) {
	const base = "https://graph.microsoft.com/v1.0"
	throttled := &graphapi.Error{Status: 429, Code: "TooManyRequests", RetryAfter: 2100 * time.Millisecond}
	tests := []struct {
		name string
		err  error
		want []string // all must appear
		not  []string // none may appear
	}{
		{"no photo", gerr(404, "ImageNotFound", base+"/users/x/photo/$value"), []string{"No photo"}, []string{"Not found"}},
		{"no photo legacy", gerr(404, "ErrorItemNotFound", base+"/users/x/photo"), []string{"No photo"}, nil},
		{"placeholder", gerr(200, graphapi.CodeNoPhotoPlaceholder, base+"/me/photo"), []string{"No photo"}, nil},
		{"throttled", fmt.Errorf("x: %w", throttled), []string{"throttling", "asked to wait 3 s", "stopped trying", "Try again in a moment"}, []string{"carries on"}},
		{"throttled for a day", fmt.Errorf("x: %w", &graphapi.Error{Status: 429, RetryAfter: 86000 * time.Second}), []string{"asked to wait 23 h 53 min", "Try again later"}, []string{"carries on", "86000"}},
		{"unauthorized", gerr(401, "InvalidAuthenticationToken", base+"/me"), []string{"Sign in again"}, nil},
		{"forbidden users", gerr(403, "Authorization_RequestDenied", base+"/users?$search=x"), []string{"User.ReadBasic.All", "admin consent", "req-42"}, nil},
		{"forbidden groups", gerr(403, "Authorization_RequestDenied", base+"/groups"), []string{"Group.Read.All"}, []string{"User.ReadBasic.All"}},
		{"forbidden contacts", gerr(403, "ErrorAccessDenied", base+"/me/contacts"), []string{"Contacts.Read"}, []string{"shared"}},
		{"forbidden other's contacts", gerr(403, "ErrorAccessDenied", base+"/users/adele%40contoso.com/contacts"), []string{"this person's contacts", "shared", "Sharing permissions", "Contacts.Read.Shared", "req-42"}, []string{"Permission missing"}},
		{"forbidden other's contact photo", gerr(403, "ErrorAccessDenied", base+"/users/u1/contactFolders/f/contacts/c/photo/$value"), []string{"Contacts.Read.Shared"}, nil},
		{"forbidden user photo", gerr(403, "ErrorAccessDenied", base+"/users/u1/photo/$value"), []string{"ProfilePhoto.Read.All"}, nil},
		{"group photo denied", gerr(403, "ErrorAccessDenied", base+"/groups/g1/photo/$value"), []string{"signed-in account", "ProfilePhoto.Read.All (or Group.Read.All); an administrator", "admin consent", "does not allow this account to see", "req-42"}, []string{"application", "sign in as a user"}},
		{"group photo change denied", &graphapi.Error{Status: 403, Code: "ErrorAccessDenied", Method: "PUT", URL: base + "/groups/g1/photo/$value"}, []string{"ProfilePhoto.ReadWrite.All (or Group.ReadWrite.All)", "to change this group's photo"}, []string{"application", "Read.All"}},
		{"personal", gerr(404, "ConsumerPhotoIsNotSupported", base+"/me/photo"), []string{"Personal Microsoft accounts"}, []string{"Not found"}},
		{"no mailbox", gerr(400, "AuthenticationError", base+"/users/x/photo"), []string{"no Exchange mailbox"}, nil},
		{"unknown user", gerr(404, "Request_ResourceNotFound", base+"/users/nobody"), []string{"Not found", "req-42"}, []string{"No photo"}},
		{"mailbox not enabled", gerr(404, "MailboxNotEnabledForRESTAPI", base+"/users/patti/contactFolders"), []string{"no Exchange Online mailbox", "req-42"}, []string{"Not found"}},
		{"unavailable", gerr(503, "ServiceNotAvailable", base+"/users"), []string{"unavailable", "503"}, nil},
		{"bad request", gerr(400, "Request_UnsupportedQuery", base+"/users"), []string{"refused", "graph says Request_UnsupportedQuery", "req-42"}, nil},
		{"size for contact", fmt.Errorf("x: %w", graphapi.ErrSizeUnsupported), []string{"one photo size"}, nil},
		{"cancelled", fmt.Errorf("x: %w", context.Canceled), []string{"Cancelled"}, nil},
		{"timeout", fmt.Errorf("x: %w", context.DeadlineExceeded), []string{"too long"}, nil},
		{"offline", fmt.Errorf("get: %w", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}), []string{"Cannot reach"}, nil},
		{"dns", fmt.Errorf("get: %w", &net.DNSError{Err: "no such host", Name: "graph.microsoft.com"}), []string{"Cannot reach"}, nil},
		{"exists", fmt.Errorf("save: %w", ErrExists), []string{"already exists"}, nil},
		{"corrupt", fmt.Errorf("photo: %w", ErrNotImage), []string{"damaged"}, nil},
		{"bomb", fmt.Errorf("photo: %w", ErrImageTooLarge), []string{"large"}, nil},
		{"no photo to save", fmt.Errorf("save: %w", ErrNoPhoto), []string{"No photo"}, nil},
		{"other", errors.New("something odd"), []string{"Something odd"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Friendly(tt.err)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Friendly = %q, want it to contain %q", got, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("Friendly = %q, must not contain %q", got, n)
				}
			}
		})
	}
	if Friendly(nil) != "" {
		t.Error("Friendly(nil) not empty")
	}
	if Friendly(fmt.Errorf("x: %w", &graphapi.Error{Status: 429})) == "" {
		t.Error("throttled without Retry-After")
	}
}

// An application session knows the group photo 403 for Graph's known
// refusal: its words say so and give no advice meant for a signed-in user
// (which permission a user's sign-in needs); anything else is Friendly's.
// Friendly, for a signed-in person, names their permission and never the
// applications' limitation, which they cannot be under (the 403 once
// opened with it for everyone).
func TestFriendlyForApp(t *testing.T) {
	denied := gerr(403, "ErrorAccessDenied", "https://graph.microsoft.com/v1.0/groups/g1/photo/$value")
	got := FriendlyForApp(denied)
	for _, w := range []string{"refuses group photos to applications", "known", "req-42"} {
		if !strings.Contains(got, w) {
			t.Errorf("FriendlyForApp = %q, want it to contain %q", got, w)
		}
	}
	for _, n := range []string{"When signed in as a user", "ProfilePhoto.Read.All", "Group.Read.All", "Permission missing"} {
		if strings.Contains(got, n) {
			t.Errorf("FriendlyForApp = %q, must not contain %q", got, n)
		}
	}
	other := gerr(403, "Authorization_RequestDenied", "https://graph.microsoft.com/v1.0/users")
	if FriendlyForApp(other) != Friendly(other) {
		t.Errorf("FriendlyForApp(%v) = %q, want Friendly's %q", other, FriendlyForApp(other), Friendly(other))
	}
}

// Issue 14, defect 12: a message that starts with a file name, an address
// or an id keeps it as written; only a plain first word is capitalised.
func TestSentenceLeavesFileNamesAlone(t *testing.T) {
	for in, want := range map[string]string{
		"keep.jpg exists; pass --force to replace it": "keep.jpg exists; pass --force to replace it.",
		"adele@contoso.com has no photo":              "adele@contoso.com has no photo.",
		"photo_48x48.jpg: permission denied":          "photo_48x48.jpg: permission denied.",
		"something odd":                               "Something odd.",
		"can't read: no such file":                    "Can't read: no such file.",
	} {
		if got := Sentence(in); got != want {
			t.Errorf("Sentence(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Friendly(errors.New("keep.jpg exists")); got != "keep.jpg exists" {
		t.Errorf("Friendly = %q, want the file name as written", got)
	}
}

// A list's note says in a few words why Graph did not answer its lookups.
func TestLookupTrouble(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{gerr(429, "TooManyRequests", ""), "Microsoft Graph is throttling"},
		{gerr(503, "serviceNotAvailable", ""), "Microsoft Graph is unavailable"},
		{gerr(403, "Authorization_RequestDenied", ""), "permission missing"},
		{gerr(401, "InvalidAuthenticationToken", ""), "Graph answered 401 InvalidAuthenticationToken"},
		{fmt.Errorf("look up: %w", context.DeadlineExceeded), "Microsoft Graph took too long"},
		{&net.OpError{Op: "dial", Err: errors.New("connection refused")}, "Microsoft Graph could not be reached"},
	}
	for _, tt := range tests {
		if got := LookupTrouble(tt.err); got != tt.want {
			t.Errorf("LookupTrouble(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
