package playbooks

import "testing"

func TestTitleFromName(t *testing.T) {
	for name, want := range map[string]string{
		"first-90-days":   "First 90 days",
		"code_of_conduct": "Code of conduct",
		"über-uns":        "Über uns",
		"指南":              "指南",
		" -x- ":           "X",
		"--":              "",
		"":                "",
	} {
		if got := TitleFromName(name); got != want {
			t.Errorf("TitleFromName(%q) = %q, want %q", name, got, want)
		}
	}
}
