package photoedit

// MaxPixels refuses pictures above 20 megapixels before decoding them. It
// is looser than app.DefaultMaxImagePixels (16 MP, the most a photo Graph
// sends can be) because these are pictures a person picked on their own
// computer, one at a time: phone cameras stay under it (a 12 MP photo is
// 4032x3024); what is above it is a panorama nobody wants as a face, or a
// decompression bomb.
const MaxPixels = 20_000_000

// MinSide is the smallest width or height accepted, and the smallest crop:
// Graph's smallest photo size is 48x48, and a picture below it would be
// upscaled in every place Microsoft 365 shows it.
const MinSide = 48

// UploadSide is the side of the uploaded square when the crop is larger:
// 648x648 is the largest size Graph stores and serves, so any extra pixels
// would only cost bytes and be thrown away by the server.
const UploadSide = 648

// TargetBytes is the size Prepare keeps an upload under. Graph's hard limit
// for a photo is 4 MB, but accounts that exist only in Entra ID (no
// Exchange Online mailbox) had uploads of more than about 100 KB refused,
// so aiming well under that works for every kind of account. Decimal
// 100,000 rather than 102,400 leaves the margin on the safe side.
const TargetBytes = 100_000

// PreviewSides are the sizes, in pixels, at which Teams and Outlook show a
// profile photo (Graph's 48x48, 96x96 and 240x240), for an editor's live
// preview.
var PreviewSides = [...]int{48, 96, 240}
