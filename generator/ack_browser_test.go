package generator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cmplay/cmplay/internal/browsertest"
)

// TestAcknowledgeAgainAfterAChange: a reader acknowledges a policy; the policy changes in a new
// commit and the site is rebuilt. The page then says it changed since the reader acknowledged
// it, shows the words removed and added (a diff the build made from git), and takes a new
// acknowledgement; the dashboard and the record show it.
func TestAcknowledgeAgainAfterAChange(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	s := newSiteRepo(t)
	s.write("content/escalation.md", "---\ntitle: Escalation\nacknowledge: true\n---\nEscalate within a day. Tell the support lead.\n")
	s.commit("Add the escalation policy", "Ada Lovelace")
	out := filepath.Join(t.TempDir(), "public")
	build := func() { s.buildTo(out, "") }
	build()
	base := browsertest.Serve(t, out, "/policy/")
	var done string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"escalation/"),
		chromedp.WaitVisible(".ack-button"),
		chromedp.Click(".ack-button", chromedp.ByQuery),
		chromedp.WaitVisible(".ack-done"),
		chromedp.Text(".ack-done", &done),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(done, "You acknowledged this policy on") {
		t.Fatalf("after acknowledging: %q", done)
	}

	s.write("content/escalation.md", "---\ntitle: Escalation\nacknowledge: true\n---\nEscalate within the hour. Tell the support lead.\n")
	s.commit("Escalate within the hour (#31)", "Ken Thompson")
	build()
	var changed, del, ins, dash, rec string
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"escalation/?rebuilt"),
		chromedp.WaitVisible(".ack-changed"),
		chromedp.Text(".ack-changed", &changed),
		chromedp.Evaluate(`[...document.querySelectorAll(".ack-diff del")].map(e => e.textContent).join("|")`, &del),
		chromedp.Evaluate(`[...document.querySelectorAll(".ack-diff ins")].map(e => e.textContent).join("|")`, &ins),
		chromedp.Navigate(base+"progress/?rebuilt"),
		chromedp.WaitVisible(".dash-acks"),
		chromedp.Text(".dash-acks", &dash),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(changed, "This policy changed since you acknowledged it on") {
		t.Errorf("changed notice %q", changed)
	}
	if strings.TrimSpace(del) != "a day." || strings.TrimSpace(ins) != "the hour." {
		t.Errorf("diff removed %q, added %q", del, ins)
	}
	if !strings.Contains(dash, "changed since you acknowledged it") {
		t.Errorf("dashboard %q", dash)
	}
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"escalation/?again"),
		chromedp.WaitVisible(".ack-button"),
		chromedp.Click(".ack-button", chromedp.ByQuery),
		chromedp.WaitVisible(".ack-done"),
		chromedp.Navigate(base+"progress/record/?again"),
		chromedp.WaitVisible(".record-acks"),
		chromedp.Text(".record-acks", &rec),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rec, "Escalation") || strings.Contains(rec, "changed since") {
		t.Errorf("record after acknowledging again %q", rec)
	}
}
