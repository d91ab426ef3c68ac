package app

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"

	"github.com/photodesk/photodesk/graphapi"
)

// ErrNoPhoto is returned by actions that need a photo (save, copy) when the
// result has none.
var ErrNoPhoto = errors.New("no photo to use")

// SuggestedFileName is "<stem>_<WxH>.<ext>" for the save dialog and for
// saving into a dropped folder, e.g. "ann.barker@contoso.com_240x240.jpg":
// the stem from Person.FileStem, the real dimensions and the extension of
// the sniffed format. It is "" when there is no photo.
func (r *PhotoResult) SuggestedFileName() string {
	if r == nil || r.NoPhoto || r.Format == "" {
		return ""
	}
	return PhotoFileName(r.Person, r.Format, r.Width, r.Height)
}

// PhotoFileName is "<stem>_<W>x<H>.<ext>" for a photo of p in a sniffed
// format ("jpeg", "png" or "gif"): the name Save suggests and Export writes,
// shortened to fit MaxFileNameBytes.
func PhotoFileName(p Person, format string, width, height int) string {
	return joinName(p.FileStem(), fmt.Sprintf("%dx%d", width, height), extOfFormat(format))
}

// UnsizedPhotoFileName is "<stem>_photo.<ext>": PhotoFileName for a photo
// whose size cannot be read (a damaged one, kept as Graph holds it).
func UnsizedPhotoFileName(p Person, format string) string {
	return joinName(p.FileStem(), "photo", extOfFormat(format))
}

// Base64 is the photo's bytes in standard base64, for pasting into scripts
// and HTML.
func (r *PhotoResult) Base64() string {
	if r == nil {
		return ""
	}
	return base64.StdEncoding.EncodeToString(r.Bytes)
}

// mailAttachment is a Graph fileAttachment, in the field order Graph's docs
// show. https://learn.microsoft.com/graph/api/resources/fileattachment
type mailAttachment struct {
	ODataType    string `json:"@odata.type"`
	Name         string `json:"name"`
	ContentType  string `json:"contentType"`
	ContentBytes string `json:"contentBytes"`
}

// MailAttachmentJSON is a ready #microsoft.graph.fileAttachment for sending
// the photo by mail through Graph, with the content type taken from the
// sniffed bytes rather than Graph's header.
func (r *PhotoResult) MailAttachmentJSON() ([]byte, error) {
	if r == nil || r.NoPhoto || len(r.Bytes) == 0 {
		return nil, ErrNoPhoto
	}
	return json.MarshalIndent(mailAttachment{
		ODataType:    "#microsoft.graph.fileAttachment",
		Name:         r.SuggestedFileName(),
		ContentType:  mimeOfFormat(r.Format),
		ContentBytes: r.Base64(),
	}, "", "  ")
}

// photoMetadata is what Copy metadata JSON puts on the clipboard: what the
// metadata panel shows, for a support ticket.
type photoMetadata struct {
	Subject           string   `json:"subject"`
	DisplayName       string   `json:"displayName,omitempty"`
	UserPrincipalName string   `json:"userPrincipalName,omitempty"`
	Mail              string   `json:"mail,omitempty"`
	NoPhoto           bool     `json:"noPhoto,omitempty"`
	NoPhotoReason     string   `json:"noPhotoReason,omitempty"`
	ID                string   `json:"id,omitempty"`
	Width             int      `json:"width,omitempty"`
	Height            int      `json:"height,omitempty"`
	ContentType       string   `json:"contentType,omitempty"`
	Format            string   `json:"format,omitempty"`
	ETag              string   `json:"etag,omitempty"`
	Bytes             int      `json:"bytes,omitempty"`
	RequestedSize     string   `json:"requestedSize"`
	ServedSize        string   `json:"servedSize"`
	AvailableSizes    []string `json:"availableSizes,omitempty"`
	URL               string   `json:"url,omitempty"`
	RequestID         string   `json:"requestId,omitempty"`
	MetadataURL       string   `json:"metadataUrl,omitempty"`
	MetadataRequestID string   `json:"metadataRequestId,omitempty"`
}

// SizeName is how a size is written for people: "largest" for SizeLargest.
func SizeName(s graphapi.Size) string {
	if s == graphapi.SizeLargest {
		return "largest"
	}
	return string(s)
}

// ServedSizeName names the size of the photo served, in pixels ("648x648",
// "400x300"): the default photo is asked for as "largest", which would
// say nothing about what came. A photo not downloaded yet, with no
// metadata either, is "largest"; with no photo it is the size asked for.
func (r *PhotoResult) ServedSizeName() string {
	switch {
	case r.NoPhoto || r.Served != graphapi.SizeLargest:
		return SizeName(r.Served)
	case r.Width > 0 && r.Height > 0:
		return fmt.Sprintf("%dx%d", r.Width, r.Height)
	case r.Meta != nil && r.Meta.Width > 0 && r.Meta.Height > 0:
		return fmt.Sprintf("%dx%d", r.Meta.Width, r.Meta.Height)
	}
	return SizeName(r.Served)
}

// MetadataJSON describes the result as indented JSON: the photo's id, real
// dimensions, content type as sent and as sniffed, ETag, sizes, and the
// request URL and request-id support will ask for.
func (r *PhotoResult) MetadataJSON() ([]byte, error) {
	if r == nil {
		return nil, ErrNoPhoto
	}
	m := photoMetadata{
		Subject: r.Person.Subject.String(), DisplayName: r.Person.DisplayName,
		UserPrincipalName: r.Person.UPN, Mail: r.Person.Mail,
		NoPhoto: r.NoPhoto, NoPhotoReason: r.NoPhotoReason,
		Width: r.Width, Height: r.Height, ContentType: r.ContentType, Format: r.Format,
		ETag: r.ETag, Bytes: len(r.Bytes),
		RequestedSize: SizeName(r.Requested), ServedSize: r.ServedSizeName(),
		URL: r.URL, RequestID: r.RequestID,
	}
	if r.Meta != nil {
		m.ID, m.MetadataURL, m.MetadataRequestID = r.Meta.ID, r.Meta.URL, r.Meta.RequestID
		if m.ContentType == "" {
			m.ContentType = r.Meta.ContentType
		}
	}
	for _, s := range r.Available {
		m.AvailableSizes = append(m.AvailableSizes, string(s))
	}
	return json.MarshalIndent(m, "", "  ")
}

// PNG is the photo as PNG bytes, the one image format every platform
// clipboard accepts. A PNG photo is returned as Graph sent it.
func (r *PhotoResult) PNG() ([]byte, error) {
	if r == nil || r.NoPhoto || r.Image == nil {
		return nil, ErrNoPhoto
	}
	if r.Format == "png" {
		return bytes.Clone(r.Bytes), nil
	}
	// image/png writes any type it does not know (a JPEG's YCbCr) with 16
	// bits a channel; NRGBA is written with 8, which is all a photo has.
	src := r.Image
	if _, ok := src.(*image.NRGBA); !ok {
		n := image.NewNRGBA(src.Bounds())
		draw.Draw(n, n.Bounds(), src, src.Bounds().Min, draw.Src)
		src = n
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, src); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return buf.Bytes(), nil
}
