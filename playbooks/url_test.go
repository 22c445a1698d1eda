package playbooks

import "testing"

func TestRelURL(t *testing.T) {
	tests := []struct {
		from, to string
		file     bool
		want     string
	}{
		{"/", "/roles/a/", false, "roles/a/"},
		{"/roles/a/", "/guidelines/b/", false, "../../guidelines/b/"},
		{"/roles/a/", "/roles/b/", false, "../b/"},
		{"/roles/a/", "/roles/a/", false, "./"},
		{"/roles/a/", "/", false, "../../"},
		{"/roles/a/", "/assets/x.css", false, "../../assets/x.css"},
		{"/roles/a/", "/roles/a/img.png", false, "img.png"},
		{"/roles/a/", "/roles/b/#duties", false, "../b/#duties"},
		{"/roles/a/", "/roles/b/", true, "../b/index.html"},
		{"/", "/", true, "index.html"},
		{"/roles/a/", "/roles/a/#x", false, "./#x"},
		{"/404.html", "/roles/", false, "roles/"},
	}
	for _, tt := range tests {
		if got := RelURL(tt.from, tt.to, tt.file); got != tt.want {
			t.Errorf("RelURL(%q, %q, %v) = %q, want %q", tt.from, tt.to, tt.file, got, tt.want)
		}
	}
}
