package checklist

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseDue turns a phase's due offset into the number of days after the reader's start date the
// phase is due on. The start date is day 1, so "day 1" is 0 days after it.
//
//	day N,   Nd   the Nth day                     → N-1
//	week N,  Nw   the last day of the Nth week    → 7N-1
//	month N, Nm   the last day of the Nth 30 days → 30N-1
//
// Words may be plural ("days 30") and any case; N is a whole number from 1 to 3650.
func ParseDue(s string) (int, error) {
	f := strings.Fields(strings.ToLower(s))
	var unit, num string
	switch len(f) {
	case 1:
		w := f[0]
		i := strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' })
		if i <= 0 {
			return 0, fmt.Errorf("due %q: want e.g. \"day 30\", \"week 1\", \"month 2\", \"30d\" or \"2w\"", s)
		}
		num, unit = w[:i], w[i:]
	case 2:
		unit, num = f[0], f[1]
	default:
		return 0, fmt.Errorf("due %q: want e.g. \"day 30\", \"week 1\", \"month 2\", \"30d\" or \"2w\"", s)
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || n > 3650 {
		return 0, fmt.Errorf("due %q: the number must be a whole number from 1 to 3650", s)
	}
	switch strings.TrimSuffix(unit, "s") {
	case "d", "day":
		return n - 1, nil
	case "w", "week":
		return 7*n - 1, nil
	case "m", "month":
		return 30*n - 1, nil
	}
	return 0, fmt.Errorf("due %q: unknown unit %q; use day, week or month", s, unit)
}
