package generator

import (
	"fmt"
	"os"
	"testing"

	"github.com/cmplay/cmplay/generator/search"
)

func TestSearchDebug(t *testing.T) {
	q := os.Getenv("Q")
	if q == "" {
		t.Skip()
	}
	s := shippedSearch(t)
	for _, r := range s.Search(q, search.Filter{Limit: 6}) {
		fmt.Printf("%v %.0f %s | %s\n", r.Sub, r.Score, r.URL, r.Within)
	}
}
