package checklist_test

import (
	"fmt"

	"github.com/cmplay/cmplay/generator/internal/checklist"
)

func ExampleParseDue() {
	for _, due := range []string{"before day 1", "day -3", "day 1", "week 1", "day 30", "month 3", "2w"} {
		days, _ := checklist.ParseDue(due)
		fmt.Printf("%-7s → %d days after the start date\n", due, days)
	}
	_, err := checklist.ParseDue("fortnight")
	fmt.Println(err != nil)
	// Output:
	// before day 1 → -1 days after the start date
	// day -3  → -3 days after the start date
	// day 1   → 0 days after the start date
	// week 1  → 6 days after the start date
	// day 30  → 29 days after the start date
	// month 3 → 89 days after the start date
	// 2w      → 13 days after the start date
	// true
}

func ExampleSlug() {
	fmt.Println(checklist.Slug("Meet the product lead and agree where community feedback should land"))
	fmt.Println(checklist.Hash("Meet the product lead") == checklist.Hash("meet the Product lead."))
	// Output:
	// meet-the-product-lead-and-agree
	// true
}
