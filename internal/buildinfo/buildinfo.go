// Package buildinfo says which Photo Desk is running, for `photodesk
// --version` and the window's Help > About: the version and build number
// from FyneApp.toml (the file `fyne package` reads too, so they are written
// in one place), and the Go toolchain, platform and VCS revision from the
// binary's own build information.
//
// Package main embeds FyneApp.toml (an embed pattern cannot reach a parent
// directory) and hands it to Set; Parse is the pure function behind it.
package buildinfo

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/BurntSushi/toml"
)

// Info is what a version line shows.
type Info struct {
	Version  string // FyneApp.toml [Details] Version, e.g. "0.1.0"
	Build    int    // FyneApp.toml [Details] Build
	Go       string // the toolchain, e.g. "go1.26.1"
	Platform string // GOOS/GOARCH, e.g. "linux/amd64"
	Commit   string // the VCS revision, shortened; "" when not built from a checkout
	Modified bool   // the checkout had uncommitted changes
}

// fyneApp is the part of FyneApp.toml that Info needs.
type fyneApp struct {
	Details struct {
		Version string
		Build   int
	}
}

// Parse reads the version and build number from the bytes of FyneApp.toml
// and the toolchain, platform and revision from bi (as
// debug.ReadBuildInfo returns it; nil means unknown, and the running
// toolchain and platform are used).
func Parse(fyneAppTOML []byte, bi *debug.BuildInfo) (Info, error) {
	var f fyneApp
	if _, err := toml.Decode(string(fyneAppTOML), &f); err != nil {
		return Info{}, fmt.Errorf("FyneApp.toml: %w", err)
	}
	if f.Details.Version == "" {
		return Info{}, errors.New("FyneApp.toml: no [Details] Version")
	}
	info := fromBuild(bi)
	info.Version, info.Build = f.Details.Version, f.Details.Build
	return info, nil
}

// fromBuild is what the binary's build information records (bi may be
// nil), with the running toolchain and platform where it says nothing.
func fromBuild(bi *debug.BuildInfo) Info {
	info := Info{Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi == nil {
		return info
	}
	if bi.GoVersion != "" {
		info.Go = bi.GoVersion
	}
	s := map[string]string{}
	for _, kv := range bi.Settings {
		s[kv.Key] = kv.Value
	}
	if s["GOOS"] != "" && s["GOARCH"] != "" {
		info.Platform = s["GOOS"] + "/" + s["GOARCH"]
	}
	info.Commit = shortRevision(s["vcs.revision"])
	info.Modified = info.Commit != "" && s["vcs.modified"] == "true"
	return info
}

// shortRevision shortens a git hash the way `git log --oneline` does.
func shortRevision(rev string) string {
	const n = 7
	if len(rev) > n {
		return rev[:n]
	}
	return rev
}

// String is the version line, e.g.
// "photodesk 0.1.0 (build 1, go1.26.1, linux/amd64, commit abc1234)";
// parts that are unknown are left out.
func (i Info) String() string {
	version := i.Version
	if version == "" {
		version = "(unknown version)"
	}
	var parts []string
	if i.Build > 0 {
		parts = append(parts, fmt.Sprintf("build %d", i.Build))
	}
	for _, p := range []string{i.Go, i.Platform} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if i.Commit != "" {
		c := "commit " + i.Commit
		if i.Modified {
			c += "-dirty"
		}
		parts = append(parts, c)
	}
	if len(parts) == 0 {
		return "photodesk " + version
	}
	return "photodesk " + version + " (" + strings.Join(parts, ", ") + ")"
}
