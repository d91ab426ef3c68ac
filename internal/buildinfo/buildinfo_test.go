package buildinfo

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

const fyneAppTOML = `Website = "https://example.com"

[Details]
  Icon = "icon.png"
  Name = "Photo Desk"
  Version = "1.2.3"
  Build = 42

[Migrations]
  fyneDo = true
`

func buildInfo(settings ...string) *debug.BuildInfo {
	bi := &debug.BuildInfo{GoVersion: "go1.26.1"}
	for i := 0; i+1 < len(settings); i += 2 {
		bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
	}
	return bi
}

func TestParse(t *testing.T) {
	bi := buildInfo("GOOS", "windows", "GOARCH", "amd64",
		"vcs.revision", "abc1234def5678abc1234def5678abc1234def56", "vcs.modified", "false")
	got, err := Parse([]byte(fyneAppTOML), bi)
	if err != nil {
		t.Fatal(err)
	}
	want := Info{Version: "1.2.3", Build: 42, Go: "go1.26.1", Platform: "windows/amd64", Commit: "abc1234"}
	if got != want {
		t.Errorf("Parse = %+v, want %+v", got, want)
	}
}

func TestParseModifiedCheckout(t *testing.T) {
	got, err := Parse([]byte(fyneAppTOML), buildInfo("vcs.revision", "0123456789", "vcs.modified", "true"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Commit != "0123456" || !got.Modified {
		t.Errorf("Commit, Modified = %q, %v, want \"0123456\", true", got.Commit, got.Modified)
	}
}

// Without build information (or without GOOS/GOARCH in it) the running
// toolchain and platform are named, and there is no commit.
func TestParseWithoutBuildInfo(t *testing.T) {
	got, err := Parse([]byte(fyneAppTOML), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Info{Version: "1.2.3", Build: 42, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if got != want {
		t.Errorf("Parse = %+v, want %+v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	for name, data := range map[string]string{
		"not TOML":   "[Details\nVersion = 1.0",
		"no Version": "[Details]\n  Build = 3\n",
		"empty":      "",
	} {
		if _, err := Parse([]byte(data), nil); err == nil || !strings.Contains(err.Error(), "FyneApp.toml") {
			t.Errorf("%s: err = %v, want an error naming FyneApp.toml", name, err)
		}
	}
}

// The real FyneApp.toml, which package main embeds, must parse.
func TestParseTheAppsFyneAppTOML(t *testing.T) {
	data, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version == "" || got.Build < 1 {
		t.Errorf("Version, Build = %q, %d, want a version and a build number", got.Version, got.Build)
	}
}

func TestString(t *testing.T) {
	for _, tc := range []struct {
		info Info
		want string
	}{
		{
			Info{Version: "0.1.0", Build: 1, Go: "go1.26.1", Platform: "linux/amd64", Commit: "abc1234"},
			"photodesk 0.1.0 (build 1, go1.26.1, linux/amd64, commit abc1234)",
		},
		{
			Info{Version: "0.1.0", Build: 1, Go: "go1.26.1", Platform: "linux/amd64", Commit: "abc1234", Modified: true},
			"photodesk 0.1.0 (build 1, go1.26.1, linux/amd64, commit abc1234-dirty)",
		},
		{
			Info{Version: "2.0.0", Build: 7, Go: "go1.26.1", Platform: "windows/amd64"},
			"photodesk 2.0.0 (build 7, go1.26.1, windows/amd64)",
		},
		{Info{Go: "go1.26.1", Platform: "darwin/arm64"}, "photodesk (unknown version) (go1.26.1, darwin/arm64)"},
		{Info{Version: "0.1.0"}, "photodesk 0.1.0"},
	} {
		if got := tc.info.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.info, got, tc.want)
		}
	}
}

func TestSetAndLine(t *testing.T) {
	defer func(saved Info) { current = saved }(current)
	if err := Set([]byte(fyneAppTOML)); err != nil {
		t.Fatal(err)
	}
	if got, want := Line(), "photodesk 1.2.3 (build 42, "; !strings.HasPrefix(got, want) {
		t.Errorf("Line() = %q, want it to start with %q", got, want)
	}
	if Line() != Current().String() {
		t.Errorf("Line() = %q, Current().String() = %q, want the same", Line(), Current().String())
	}
	if err := Set([]byte("[Details]\n")); err == nil {
		t.Error("Set without a Version: no error")
	}
	if got, want := Line(), "photodesk (unknown version) ("+runtime.Version(); !strings.HasPrefix(got, want) {
		t.Errorf("after a bad Set, Line() = %q, want it to start with %q", got, want)
	}
}
