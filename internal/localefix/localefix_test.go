package localefix

import "testing"

func TestIsCLocale(t *testing.T) {
	for val, want := range map[string]bool{
		"C": true, "C.UTF-8": true, "C.utf8": true, "POSIX": true,
		"en_US.UTF-8": false, "de_DE": false, "Ca_ES": false, "": false,
	} {
		if got := isCLocale(val); got != want {
			t.Errorf("isCLocale(%q) = %v, want %v", val, got, want)
		}
	}
}
