package acknowledge

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	a := "Escalate within a day. Tell the support lead."
	b := "Escalate within the hour. Tell the support lead and the on-call engineer."
	ops := Words(a, b)
	var old, cur strings.Builder
	for _, o := range ops {
		if o[0] != "+" {
			old.WriteString(o[1])
		}
		if o[0] != "-" {
			cur.WriteString(o[1])
		}
	}
	if old.String() != a || cur.String() != b {
		t.Fatalf("the operations do not rebuild the texts:\n%q\n%q", old.String(), cur.String())
	}
	got := fmt.Sprint(ops)
	for _, want := range []string{"[- a day. ]", "[+ the hour. ]", "[+ lead and the on-call engineer.]"} {
		if !strings.Contains(got, want) {
			t.Errorf("diff %s lacks %s", got, want)
		}
	}
	if len(Words("same text", "same text")) != 1 {
		t.Error("equal texts give more than one operation")
	}
}

func TestWordsLargeInputIsBounded(t *testing.T) {
	a := strings.Repeat("alpha beta gamma ", 20000)
	b := strings.Repeat("gamma beta alpha ", 20000)
	ops := Words(a, b)
	if len(ops) == 0 {
		t.Fatal("no operations")
	}
}

func TestContext(t *testing.T) {
	long := strings.Repeat("é word ", 100)
	ops := Context([]Op{{"=", long}, {"-", "old "}, {"+", "new "}, {"=", long}, {"-", "x"}, {"=", long}}, 30)
	if !strings.HasPrefix(ops[0][1], "… ") || !strings.HasSuffix(ops[5][1], " …") || !strings.Contains(ops[3][1], " … ") {
		t.Fatalf("context %q", ops)
	}
	for _, o := range ops {
		if !utf8.ValidString(o[1]) || len(o[1]) > 2*30+10 {
			t.Fatalf("cut badly: %q", o[1])
		}
	}
	if ops[1] != (Op{"-", "old "}) || ops[2] != (Op{"+", "new "}) {
		t.Fatal("changes were cut")
	}
}
