package buildinfo

import "runtime/debug"

// current is this binary's Info. Set fills it in once, from package main's
// init, before anything reads it; until then it names only the toolchain
// and platform.
var current = fromBuild(nil)

// Set records this binary's FyneApp.toml, which package main embeds,
// together with the binary's build information. A file that cannot be
// read leaves the version unknown (the line still names the toolchain,
// platform and revision) and returns the error.
func Set(fyneAppTOML []byte) error {
	bi, _ := debug.ReadBuildInfo()
	info, err := Parse(fyneAppTOML, bi)
	if err != nil {
		current = fromBuild(bi)
		return err
	}
	current = info
	return nil
}

// Current is this binary's Info, as Set recorded it.
func Current() Info { return current }

// Line is this binary's version line, as `photodesk --version` prints it
// and Help > About can show it, e.g.
// "photodesk 0.1.0 (build 1, go1.26.1, linux/amd64, commit abc1234)".
func Line() string { return current.String() }
