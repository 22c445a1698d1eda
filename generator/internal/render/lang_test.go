package render

import "testing"

func TestDirection(t *testing.T) {
	for tag, want := range map[string]string{
		"ar": "rtl", "ar-EG": "rtl", "AR-sa": "rtl", "he": "rtl", "he-IL": "rtl", "iw": "rtl", "fa": "rtl", "fa-AF": "rtl",
		"ur": "rtl", "ur-PK": "rtl", "yi": "rtl", "ckb": "rtl", "pa-Arab": "rtl", "az-Arab-IR": "rtl",
		"ar-Latn": "ltr", "en": "ltr", "en-US": "ltr", "de": "ltr", "zh-Hant-TW": "ltr", "hi": "ltr", "": "ltr", "arz": "rtl", "art": "ltr",
	} {
		if got := Direction(tag); got != want {
			t.Errorf("Direction(%q) = %q, want %q", tag, got, want)
		}
	}
}
