package photoedit

import "encoding/binary"

// jpegOrientation returns the EXIF orientation (1–8) of a JPEG, or 1 when
// it has none or it cannot be read. Phones store pictures as the sensor saw
// them and record the way the phone was held in this tag; a photo that
// ignores it lands on its side. Anything malformed means "no rotation":
// the picture still opens, and the person can rotate it by hand.
func jpegOrientation(data []byte) int {
	if len(data) < 4 || data[0] != 0xff || data[1] != 0xd8 {
		return 1
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			return 1 // lost sync: not a marker where one must be
		}
		marker := data[i+1]
		switch {
		case marker == 0xff: // fill byte before a marker
			i++
			continue
		case marker == 0x01 || marker >= 0xd0 && marker <= 0xd7: // no length
			i += 2
			continue
		case marker == 0xda || marker == 0xd9:
			return 1 // image data or the end: metadata comes before both
		}
		length := int(binary.BigEndian.Uint16(data[i+2:]))
		if length < 2 || i+2+length > len(data) {
			return 1
		}
		payload := data[i+4 : i+2+length]
		if marker == 0xe1 && len(payload) >= 6 && string(payload[:6]) == "Exif\x00\x00" {
			// A file may carry several APP1 segments (XMP uses one too),
			// so keep looking if this one has no usable tag.
			if o, ok := tiffOrientation(payload[6:]); ok {
				return o
			}
		}
		i += 2 + length
	}
	return 1
}

// tiffOrientation finds tag 0x0112 in IFD0 of the TIFF structure that EXIF
// wraps, in either byte order. ok is false unless the tag is there, well
// formed, and 1–8. Every offset is checked against len(tiff) in uint64, so
// no header value can index outside the slice or overflow.
func tiffOrientation(tiff []byte) (orientation int, ok bool) {
	if len(tiff) < 8 {
		return 0, false
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 0, false
	}
	if order.Uint16(tiff[2:]) != 42 {
		return 0, false
	}
	n := uint64(len(tiff))
	ifd := uint64(order.Uint32(tiff[4:]))
	if ifd+2 > n {
		return 0, false
	}
	count := uint64(order.Uint16(tiff[ifd:]))
	for e := range count {
		at := ifd + 2 + 12*e
		if at+12 > n {
			return 0, false
		}
		entry := tiff[at : at+12]
		if order.Uint16(entry) != 0x0112 {
			continue
		}
		var v uint32
		switch typ, cnt := order.Uint16(entry[2:]), order.Uint32(entry[4:]); {
		case cnt < 1:
			return 0, false
		case typ == 3: // SHORT, as the standard says
			v = uint32(order.Uint16(entry[8:]))
		case typ == 4: // LONG, written by a few tools
			v = order.Uint32(entry[8:])
		default:
			return 0, false
		}
		if v < 1 || v > 8 {
			return 0, false
		}
		return int(v), true
	}
	return 0, false
}
