package output

import "os"

// exchangeByRename swaps a and b with three renames, for systems without an atomic exchange:
// b moves aside to a+".old", a moves to b, and the old b moves to a. The caller passes the
// finished build as a and the target as b, so the target is missing only between the first
// rename and the second; when the second fails, the old b is put back.
func exchangeByRename(a, b string) error {
	old := a + ".old"
	if err := os.Rename(b, old); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(old, b)
		return err
	}
	return os.Rename(old, a)
}
