package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"testing"

	"github.com/cmplay/cmplay/generator/internal/history"
	"github.com/cmplay/cmplay/playbooks"
)

// fakeHistory is a HistoryView whose key is its name.
type fakeHistory string

func (fakeHistory) For(*playbooks.Page) *history.PageView { return nil }
func (fakeHistory) ForURL(string) *history.PageView       { return nil }
func (fakeHistory) ChangelogPages() int                   { return 0 }
func (fakeHistory) Changelog(int) []history.Month         { return nil }
func (f fakeHistory) WriteKey(w io.Writer)                { fmt.Fprint(w, string(f)) }

// notKeyed are the fields WriteKey leaves out on purpose, with why.
var notKeyed = map[string]string{
	"Manifest": "only the start page shows it; the generator adds it to that page's key",
}

func key(c Config) string {
	var b bytes.Buffer
	c.WriteKey(&b)
	return b.String()
}

// TestConfigKeyCoversEveryField sets each field of Config in turn and checks that the key
// changes: a field added to Config and not written by WriteKey would let a rebuild serve pages
// rendered with its old value.
func TestConfigKeyCoversEveryField(t *testing.T) {
	zero := key(Config{})
	typ := reflect.TypeFor[Config]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		var c Config
		v := reflect.ValueOf(&c).Elem().Field(i)
		switch f.Type {
		case reflect.TypeFor[string]():
			v.SetString("x")
		case reflect.TypeFor[bool]():
			v.SetBool(true)
		case reflect.TypeFor[map[string]string]():
			v.Set(reflect.ValueOf(map[string]string{"main.js": "/assets/main.1.js"}))
		case reflect.TypeFor[template.HTML]():
			v.SetString("<script></script>")
		case reflect.TypeFor[HistoryView]():
			v.Set(reflect.ValueOf(fakeHistory("head")))
		default:
			t.Errorf("field %s has a type (%s) this test cannot set: teach it, and WriteKey, that type", f.Name, f.Type)
			continue
		}
		if _, exempt := notKeyed[f.Name]; exempt {
			if key(c) != zero {
				t.Errorf("field %s is listed as not keyed but changes the key", f.Name)
			}
			continue
		}
		if key(c) == zero {
			t.Errorf("Config.%s does not change WriteKey's output: write it there (or list it in notKeyed with why)", f.Name)
		}
	}
}

// TestConfigKeySeparatesFields checks that two configurations whose strings only move between
// fields do not collide.
func TestConfigKeySeparatesFields(t *testing.T) {
	a := Config{Title: "a b", Language: "c"}
	b := Config{Title: "a", Language: "b c"}
	if key(a) == key(b) {
		t.Error("moving text between Title and Language gives the same key")
	}
	h1 := Config{History: fakeHistory("one")}
	h2 := Config{History: fakeHistory("two")}
	if key(h1) == key(h2) {
		t.Error("two histories with different keys give the same Config key")
	}
}
