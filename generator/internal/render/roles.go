package render

import (
	"html/template"
	"strconv"

	"github.com/cmplay/cmplay/playbooks"
)

// A role page lists the pages that name the role, IndexPageSize of them: a role every page
// names would otherwise make its page grow with the site. The rest are on generated listing
// pages at roleUsersURL, "/roles/moderator/pages/2/" onwards, with a pager between them and
// the role page, which is their page 1. They are not at the role page's "page/2/", which is
// the folder index's when the role page is also the index of a long folder.

// roleUsersURL is page k (from 1) of the pages naming role.
func roleUsersURL(role *playbooks.Page, k int) string {
	if k <= 1 {
		return role.URL
	}
	return role.URL + "pages/" + strconv.Itoa(k) + "/"
}

// roleUsersPage fills d.Users with page k of the pages naming role, and d.UsersPager.
func (r *Renderer) roleUsersPage(d *Data, role *playbooks.Page, k int) {
	users := r.site.RoleUsers[role.Slug()]
	lo := min(len(users), (k-1)*IndexPageSize)
	for _, u := range users[lo:min(len(users), lo+IndexPageSize)] {
		d.Users = append(d.Users, r.link(d, u))
	}
	d.UsersPager = d.pagerLinks(k, pages(len(users)), func(i int) string { return roleUsersURL(role, i) }, func(i int) string {
		return users[(i-1)*IndexPageSize].Title + " – " + users[min(i*IndexPageSize, len(users))-1].Title
	})
}

// roleUsers renders page k (from 2) of the pages naming role, with the "list" layout.
func (r *Renderer) roleUsers(role *playbooks.Page, k int) ([]byte, error) {
	title := "Pages for " + role.Title + " (page " + strconv.Itoa(k) + " of " + strconv.Itoa(pages(len(r.site.RoleUsers[role.Slug()]))) + ")"
	d := r.data(roleUsersURL(role, k), title)
	d.Nav = template.HTML(r.nav.forGenerated(d))
	r.roleUsersPage(d, role, k)
	d.Children, d.Pager, d.Users, d.UsersPager = d.Users, d.UsersPager, nil, nil
	d.Number = k
	return r.exec(d, "list")
}
