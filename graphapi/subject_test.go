package graphapi

import (
	"errors"
	"testing"
)

const guestUPN = "jane_x.com#EXT#@tenant.onmicrosoft.com"

func TestPhotoPath(t *testing.T) {
	tests := []struct {
		subj  Subject
		size  Size
		value bool
		want  string
	}{
		{Me(), SizeLargest, false, "/me/photo"},
		{Me(), SizeLargest, true, "/me/photo/$value"},
		{Me(), "48x48", false, "/me/photos/48x48"},
		{Me(), "648x648", true, "/me/photos/648x648/$value"},
		{User("ann@contoso.com"), SizeLargest, true, "/users/ann@contoso.com/photo/$value"},
		{User(guestUPN), SizeLargest, false, "/users/jane_x.com%23EXT%23@tenant.onmicrosoft.com/photo"},
		{User("a/b?c"), "96x96", true, "/users/a%2Fb%3Fc/photos/96x96/$value"},
		{Group("g1"), "240x240", false, "/groups/g1/photos/240x240"},
		{Group("g1"), SizeLargest, true, "/groups/g1/photo/$value"},
		{Contact("c1"), SizeLargest, false, "/me/contacts/c1/photo"},
		{Contact("c1").OfUser(guestUPN), SizeLargest, true, "/users/jane_x.com%23EXT%23@tenant.onmicrosoft.com/contacts/c1/photo/$value"},
		{Contact("c1").InFolder("f1"), SizeLargest, true, "/me/contactfolders/f1/contacts/c1/photo/$value"},
		{Contact("c1").InFolder("f1").OfUser("u1"), SizeLargest, false, "/users/u1/contactfolders/f1/contacts/c1/photo"},
		{Me().OfUser("x").InFolder("y"), SizeLargest, false, "/me/photo"},
	}
	for _, tt := range tests {
		got, err := tt.subj.PhotoPath(tt.size, tt.value)
		if err != nil || got != tt.want {
			t.Errorf("%v.PhotoPath(%q, %v) = %q, %v; want %q", tt.subj, tt.size, tt.value, got, err, tt.want)
		}
	}
}

func TestPhotoPathErrors(t *testing.T) {
	for _, s := range []Subject{Contact("c"), Contact("c").OfUser("u").InFolder("f")} {
		if _, err := s.PhotoPath("48x48", true); !errors.Is(err, ErrSizeUnsupported) {
			t.Errorf("%v with a size: err = %v, want ErrSizeUnsupported", s, err)
		}
		if _, err := s.PhotosPath(); !errors.Is(err, ErrSizeUnsupported) {
			t.Errorf("%v size list: err = %v, want ErrSizeUnsupported", s, err)
		}
	}
	for _, s := range []Subject{User(""), Group(""), Contact(""), {kind: SubjectKind(9)}} {
		if p, err := s.PhotoPath(SizeLargest, false); err == nil {
			t.Errorf("%v.PhotoPath = %q, want an error", s, p)
		}
	}
}

func TestSubjectDescribe(t *testing.T) {
	tests := []struct {
		s     Subject
		kind  SubjectKind
		sizes bool
		str   string
	}{
		{Me(), KindMe, true, "me"},
		{User("u"), KindUser, true, "user u"},
		{Group("g"), KindGroup, true, "group g"},
		{Contact("c"), KindContact, false, "contact c"},
		{Contact("c").OfUser("u").InFolder("f"), KindContact, false, "contact c of user u in folder f"},
	}
	for _, tt := range tests {
		if tt.s.Kind() != tt.kind || tt.s.SupportsSizes() != tt.sizes || tt.s.String() != tt.str {
			t.Errorf("%#v: kind %v sizes %v string %q; want %v %v %q",
				tt.s, tt.s.Kind(), tt.s.SupportsSizes(), tt.s.String(), tt.kind, tt.sizes, tt.str)
		}
	}
	if Contact("c").OfUser("u") == Contact("c") {
		t.Error("contacts of different owners compare equal")
	}
}
