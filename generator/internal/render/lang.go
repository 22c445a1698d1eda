package render

import "strings"

// Lang is the language of the page being rendered: the page's own (Page.Language), else the
// site's. The layouts put it on <html lang>.
func (d *Data) Lang() string {
	if d.Page != nil && d.Page.Language != "" {
		return d.Page.Language
	}
	return d.Site.Language
}

// Dir is the direction of the page's language, "rtl" or "ltr", for <html dir>.
func (d *Data) Dir() string { return Direction(d.Lang()) }

// rtlLanguages are the languages written right to left (Arabic and its Egyptian and Moroccan
// forms, Hebrew, Persian and Dari, Urdu, Western Punjabi, Yiddish, Pashto, Sindhi, Uyghur,
// Dhivehi, Central Kurdish); "iw" is Hebrew's old code.
var rtlLanguages = map[string]bool{"ar": true, "arz": true, "ary": true, "he": true, "iw": true, "fa": true, "prs": true,
	"ur": true, "pnb": true, "yi": true, "ps": true, "sd": true, "ug": true, "dv": true, "ckb": true}

// rtlScripts are the scripts written right to left, for a tag that names its script
// ("pa-Arab", "az-Arab"; "ar-Latn" is left to right).
var rtlScripts = map[string]bool{"arab": true, "hebr": true, "thaa": true, "syrc": true, "nkoo": true, "adlm": true, "rohg": true, "samr": true, "mand": true}

// Direction is the writing direction of a BCP 47 language tag: "rtl" for a right-to-left
// language in its usual script or any language in a right-to-left script, otherwise "ltr".
// Regions do not matter: "ar-EG" and "fa-AF" are right to left.
func Direction(tag string) string {
	parts := strings.Split(strings.ToLower(tag), "-")
	for _, sub := range parts[1:] {
		if len(sub) == 4 && sub[0] >= 'a' && sub[0] <= 'z' { // a script subtag
			if rtlScripts[sub] {
				return "rtl"
			}
			return "ltr"
		}
	}
	if rtlLanguages[parts[0]] {
		return "rtl"
	}
	return "ltr"
}
