// calendar.js writes an iCalendar file (RFC 5545) of the phases due on the reader's path: one
// all-day event per phase on its due date, its open items in the description. It is computed in
// the browser from the start date, so it works from file:// too.
import { localDate, now } from "./clock.js";

// esc escapes a TEXT value: backslash, semicolon, comma and line breaks.
function esc(s) {
  return String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

// fold cuts a content line into lines of at most 75 octets, continuation lines starting with a
// space, never inside a UTF-8 sequence.
function fold(line) {
  const enc = new TextEncoder();
  const out = [];
  let cur = "";
  let n = 0;
  for (const ch of line) {
    const b = enc.encode(ch).length;
    if (n + b > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = "";
      n = 0;
    }
    cur += ch;
    n += b;
  }
  out.push(cur);
  return out.join("\r\n ");
}

const day = (d) => localDate(d).replace(/-/g, "");

// ics makes the calendar: phases are { title, list: { title, url }, sec, due: Date, items: [{ text }] },
// site is the site's address, for unique ids and links.
export function ics(phases, site, name) {
  const stamp = now().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cmplay//onboarding path//EN", "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + esc(name)];
  for (const p of phases) {
    const end = new Date(p.due.getFullYear(), p.due.getMonth(), p.due.getDate() + 1);
    const open = p.items.map((i) => "- " + i.text).join("\n");
    lines.push("BEGIN:VEVENT",
      "UID:" + esc((p.list.url + "#" + (p.sec || "")).replace(/[^A-Za-z0-9/#._-]/g, "-") + "@" + site),
      "DTSTAMP:" + stamp,
      "DTSTART;VALUE=DATE:" + day(p.due),
      "DTEND;VALUE=DATE:" + day(end),
      "SUMMARY:" + esc(p.title + " — " + p.list.title),
      "DESCRIPTION:" + esc(p.items.length + " open:\n" + open),
      "TRANSP:TRANSPARENT",
      "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
