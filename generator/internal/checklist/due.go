package checklist

import (
	"fmt"
	"strconv"
	"strings"
)

// dueForms is the hint every malformed offset gets.
const dueForms = `want e.g. "before day 1", "day -3", "day 30", "week 1", "month 2", "30d" or "2w"`

// ParseDue turns a phase's due offset into the number of days after the reader's start date the
// phase is due on. The start date is day 1, so "day 1" is 0 days after it.
//
//	day N,   Nd   the Nth day                     → N-1
//	week N,  Nw   the last day of the Nth week    → 7N-1
//	month N, Nm   the last day of the Nth 30 days → 30N-1
//	before day 1  the day before the start date   → -1
//	day -N, -Nd   N days before the start date    → -N
//
// There is no day 0, as there is no year 0: the day before day 1 is day -1, which is what
// "before day 1" means. A negative offset is a phase due before the start (see Before).
// Words may be plural ("days 30") and any case; N is a whole number from 1 to 3650.
func ParseDue(s string) (int, error) {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 3 && f[0] == "before" {
		n, err := ParseDue(f[1] + " " + f[2])
		if err != nil {
			return 0, err
		}
		if n != 0 {
			return 0, fmt.Errorf("due %q: only \"before day 1\" has a \"before\"; write \"day -N\" for N days before the start", s)
		}
		return -1, nil
	}
	var unit, num string
	switch len(f) {
	case 1:
		w := f[0]
		i := strings.IndexFunc(w, func(r rune) bool { return (r < '0' || r > '9') && r != '-' })
		if i <= 0 {
			return 0, fmt.Errorf("due %q: %s", s, dueForms)
		}
		num, unit = w[:i], w[i:]
	case 2:
		unit, num = f[0], f[1]
	default:
		return 0, fmt.Errorf("due %q: %s", s, dueForms)
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < -3650 || n > 3650 {
		return 0, fmt.Errorf("due %q: the number must be a whole number from 1 to 3650 (or -1 to -3650 for days before the start)", s)
	}
	if n == 0 {
		return 0, fmt.Errorf("due %q: there is no day 0 (the start date is day 1); write \"before day 1\" for the day before it", s)
	}
	switch u := strings.TrimSuffix(unit, "s"); {
	case u == "d" || u == "day":
		if n < 0 {
			return n, nil
		}
		return n - 1, nil
	case n < 0:
		return 0, fmt.Errorf("due %q: only days can be counted before the start; write \"day %d\"", s, 7*n)
	case u == "w" || u == "week":
		return 7*n - 1, nil
	case u == "m" || u == "month":
		return 30*n - 1, nil
	}
	return 0, fmt.Errorf("due %q: unknown unit %q; use day, week or month", s, unit)
}

// Before reports whether a phase due days after the start date is due before the start. Such a
// phase is preparation, not part of the new hire's own schedule: it is due before the start,
// and once the start date has come its open items are "still open from before the start",
// never "overdue" (see docs/checklists.md).
func Before(days int) bool { return days < 0 }
