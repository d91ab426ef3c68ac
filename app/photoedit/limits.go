package photoedit

// MaxPixels refuses pictures above 64 megapixels before decoding them. It
// is looser than app.DefaultMaxImagePixels (16 MP, the most a photo Graph
// sends can be) because these are pictures a person picked on their own
// computer, one at a time, and cameras take big ones: 24 MP is an ordinary
// DSLR (6000x4000), phones save 48–50 MP (8160x6120) in their high
// resolution modes, and full-frame cameras reach 61 MP (9504x6336). What is
// above it is a 100+ MP medium-format shot or a panorama, which can be
// saved smaller first, or a decompression bomb.
//
// The cost is memory, held while the picture is edited: Load keeps the
// upright picture as RGBA, 4 bytes a pixel (256 MB at the limit, 200 MB
// for 50 MP), and while it is made the decoded picture is alive too (1.5
// bytes a pixel for a camera's JPEG, 3 for PNG). Go's decoders cannot
// shrink while decoding, so Load makes sure that is the most it holds:
// see flattenUpright and BenchmarkLoad50MP.
const MaxPixels = 64_000_000

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
