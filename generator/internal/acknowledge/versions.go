package acknowledge

// MaxVersions is how many earlier versions of a page get a diff to now. A reader who
// acknowledged an older version is sent to the page's history instead; the cap keeps the
// output linear in the page's size whatever its history.
const MaxVersions = 8
