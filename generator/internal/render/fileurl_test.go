package render

import "testing"

func TestFileURL(t *testing.T) {
	tests := []struct {
		repo, branch, file string
		folder             bool
		want               string
	}{
		{"https://github.com/acme/handbook", "", "OWNERS", false, "https://github.com/acme/handbook/blob/main/OWNERS"},
		{"https://github.com/acme/handbook.git/", "trunk", "sig docs/sigs.yaml", false, "https://github.com/acme/handbook/blob/trunk/sig%20docs/sigs.yaml"},
		{"https://github.com/acme/handbook", "main", "scripts", true, "https://github.com/acme/handbook/tree/main/scripts"},
		{"https://gitlab.example/acme/handbook", "main", "a#b.py", false, "https://gitlab.example/acme/handbook/-/blob/main/a%23b.py"},
	}
	for _, tt := range tests {
		if got := FileURL(tt.repo, tt.branch, tt.file, tt.folder); got != tt.want {
			t.Errorf("FileURL(%q, %q, %q, %v) = %q, want %q", tt.repo, tt.branch, tt.file, tt.folder, got, tt.want)
		}
	}
}
