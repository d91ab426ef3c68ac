package app

import (
	"math"
	"time"

	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/graphapi"
)

// Preference keys, in one place so the window, the command line and the
// settings dialog cannot drift apart on spelling. Secrets never go here:
// they belong in the OS keyring.
const (
	PrefCloud      = "cloud"      // CloudSandbox or CloudM365
	PrefTenant     = "tenant"     // tenant id or domain for Microsoft 365
	PrefClientID   = "clientID"   // app registration (public client) id
	PrefAuthority  = "authority"  // login authority URL, for national clouds
	PrefAPIVersion = "apiVersion" // APIVersionV1 or APIVersionBeta
	PrefAuthMode   = "authMode"   // AuthDelegated, AuthAppSecret or AuthAppCertificate
	// PrefCertificatePath is the PEM file (certificate and private key) of
	// AuthAppCertificate. The path only: the key stays in the file, and a
	// client secret (AuthAppSecret) lives in the keyring, never here.
	PrefCertificatePath = "certificatePath"

	PrefDefaultSize       = "defaultSize"       // a graphapi.ParseSize string; "" = largest
	PrefLastSaveDir       = "lastSaveDir"       // folder of the last save, offered next time
	PrefLastOpenDir       = "lastOpenDir"       // folder a list or import was last picked from
	PrefLastPictureDir    = "lastPictureDir"    // folder a picture was last picked from (Change photo…)
	PrefCacheTTL          = "cacheTTLSeconds"   // photo cache lifetime in seconds (float)
	PrefDropSavesAllSizes = "dropSavesAllSizes" // a folder dropped on the window saves every size
	PrefMaxWaitSeconds    = "maxWaitSeconds"    // the longest throttling wait an export takes; 0 = a minute
	PrefWindowWidth       = "windowWidth"
	PrefWindowHeight      = "windowHeight"
	PrefSplitSidebar      = "splitSidebar" // offset of the sidebar split, 0..1
	PrefSplitViewer       = "splitViewer"  // offset of the viewer/metadata split, 0..1
)

// What the Export… dialog remembers between openings, apart from Save's
// folder (issue 18: exporting moved Save's folder, and who and which size
// reset every time).
const (
	PrefLastExportDir = "lastExportDir" // folder of the last export
	PrefExportWho     = "exportWho"     // "listed", "group" or "all"
	PrefExportSize    = "exportSize"    // a size name, "all" or "none"
)

// Values of PrefCloud.
const (
	CloudSandbox = "sandbox" // the built-in emulated tenant, needs no account
	CloudM365    = "m365"    // a real Microsoft 365 tenant
)

// Values of PrefAuthMode: as whom Photo Desk signs in. Delegated (a person,
// the default) sees what that person may see; the application modes use the
// app registration's application permissions, for tenants where helpdesk
// tools run unattended, and cannot read group photos (Graph's known 403).
const (
	AuthDelegated      = "delegated"
	AuthAppSecret      = "appSecret"
	AuthAppCertificate = "appCertificate"
)

// Values of PrefAPIVersion.
const (
	APIVersionV1   = "v1.0"
	APIVersionBeta = "beta"
)

// DefaultCacheTTL is how long a fetched photo is shown without asking Graph
// again; the Graph Toolkit uses the same hour.
const DefaultCacheTTL = time.Hour

// Preferences is the part of fyne.Preferences the app reads and writes. It
// is an interface so package app needs no Fyne import and tests can pass a
// map-backed fake; fyne.Preferences satisfies it as is.
type Preferences interface {
	String(key string) string
	SetString(key, value string)
	Float(key string) float64
	SetFloat(key string, value float64)
	Bool(key string) bool
	SetBool(key string, value bool)
	Int(key string) int
	SetInt(key string, value int)
}

// CacheTTLFrom reads PrefCacheTTL, falling back to DefaultCacheTTL when the
// preference is unset or not positive.
func CacheTTLFrom(p Preferences) time.Duration {
	if p == nil {
		return DefaultCacheTTL
	}
	s := p.Float(PrefCacheTTL)
	if s <= 0 {
		return DefaultCacheTTL
	}
	return time.Duration(s * float64(time.Second))
}

// WaitCapsFrom reads PrefMaxWaitSeconds: the longest one throttling wait of
// a bulk job may take, and the most one person's waits may add up to
// (three such waits). Unset or not positive means graphapi's minute.
func WaitCapsFrom(p Preferences) (perWait, perPerson time.Duration) {
	perWait = graphapi.DefaultMaxWait
	if p != nil && p.Int(PrefMaxWaitSeconds) > 0 {
		perWait = time.Duration(p.Int(PrefMaxWaitSeconds)) * time.Second
	}
	return perWait, 3 * perWait
}

// PrefPhotoCacheMB is the disk photo cache's bound in megabytes; unset or
// not positive means diskcache.DefaultMaxBytes.
const PrefPhotoCacheMB = "photoCacheMB"

// PhotoCacheBytesFrom reads PrefPhotoCacheMB as bytes.
func PhotoCacheBytesFrom(p Preferences) int64 {
	mb := 0
	if p != nil {
		mb = p.Int(PrefPhotoCacheMB)
	}
	switch {
	case mb <= 0:
		return diskcache.DefaultMaxBytes
	case int64(mb) > math.MaxInt64>>20:
		// A hand-edited bound past what bytes can count: shifted, it
		// would wrap round to a tiny one and evict every photo.
		return math.MaxInt64
	}
	return int64(mb) << 20
}
