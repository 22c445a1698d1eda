package site

// PageTitle is the title of the page built from a content file, or of a folder's index page,
// for links the markdown stage names after their target (GitBook's page-ref).
func (s *Site) PageTitle(file string) (string, bool) {
	u, ok := s.PageURL(file)
	if !ok {
		return "", false
	}
	if p, ok := s.ByURL[u]; ok {
		return p.Title, true
	}
	return "", false
}
