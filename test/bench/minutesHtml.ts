import type { Minutes, NoteNode } from "../../server/documents/minutesModel.ts";

// The same minutes as HTML, for the side-by-side with headless Chromium's page.pdf():
// the same sections, tables and notes, so both engines typeset the same content.

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function node(n: NoteNode): string {
  const inner = (n.content ?? []).map(node).join("");
  switch (n.type) {
    case "text": {
      let t = esc(n.text ?? "");
      for (const m of n.marks ?? []) {
        if (m.type === "bold") t = `<strong>${t}</strong>`;
        if (m.type === "italic") t = `<em>${t}</em>`;
        if (m.type === "link") t = `<a href="${esc(String(m.attrs?.href ?? ""))}">${t}</a>`;
      }
      return t;
    }
    case "paragraph":
      return `<p>${inner}</p>`;
    case "heading":
      return `<h4>${inner}</h4>`;
    case "bulletList":
      return `<ul>${inner}</ul>`;
    case "orderedList":
      return `<ol>${inner}</ol>`;
    case "listItem":
      return `<li>${inner}</li>`;
    case "hardBreak":
      return "<br>";
    default:
      return inner;
  }
}

const table = (headers: string[], rows: string[][]) =>
  `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`;

export function minutesHtml(m: Minutes): string {
  const items = m.items
    .map(
      (
        item,
        i,
      ) => `<section><h2>Item ${i + 1} · ${item.caseCode ? `Case ${esc(item.caseCode)}` : "General"}: ${esc(item.title)}</h2>
      ${item.summary ? `<p><strong>Summary:</strong> ${esc(item.summary)}</p>` : ""}
      <h3>Notes</h3>${item.notes ? item.notes.content.map(node).join("") : "<p><em>No notes.</em></p>"}
      ${item.decisions
        .map(
          (d, k) =>
            `<p><strong>Decision ${k + 1}:</strong> ${esc(d.text)}</p><p class="indent"><em>Rationale:</em> ${esc(d.rationale)}</p>${table(
              ["Agency", "View", "Comment"],
              d.views.map((v) => [v.agency.name, v.view, v.comment]),
            )}`,
        )
        .join("")}
      <h3>Tasks</h3>${table(
        ["Task", "Owner", "Agency", "Due"],
        item.tasks.map((t) => [t.what, t.owner?.name ?? "", t.agency.name, t.dueOn]),
      )}</section>`,
    )
    .join("");
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Minutes: ${esc(m.meeting.title)}</title><style>
    @page { size: A4; margin: 26mm 22mm 25mm 22mm; }
    body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; color: #1b1b1b; }
    h1 { font-size: 19pt; color: #1f3a60; } h2 { font-size: 12pt; color: #1f3a60; break-after: avoid; } h3, h4 { font-size: 10.5pt; break-after: avoid; }
    table { width: 100%; border-collapse: collapse; font-size: 8.5pt; margin: 4pt 0 8pt; } thead { display: table-header-group; }
    th { background: #dfe6ef; text-align: left; } th, td { border: 0.5pt solid #b8c2cf; padding: 4pt; vertical-align: top; } tr { break-inside: avoid; }
    .notice { background: #f6f1e4; border: 0.8pt solid #c9b27a; padding: 8pt; font-size: 8pt; } .indent { margin-left: 12pt; }
  </style></head><body>
  <h1>Minutes: ${esc(m.meeting.title)}</h1><p>${esc(m.network.name)}</p>
  <p>${esc(m.meeting.place)}; chair ${esc(m.meeting.chair.name)}; minutes ${esc(m.meeting.minuteTaker.name)}</p>
  <div class="notice"><strong>${esc(m.classification ?? "")}</strong><br>${esc(m.confidentialityNotice)}</div>
  <h2>Attendance</h2>${table(
    ["Name", "Agency", "Mandate", "Present"],
    m.attendance.map((a) => [a.name, a.agency.name, a.mandate, a.presence]),
  )}
  <h2>Apologies</h2>${table(
    ["Name", "Agency"],
    m.apologies.map((a) => [a.name, a.agency.name]),
  )}
  <h2>Agenda items</h2>${items}
  <h2>Consolidated action list</h2>${table(
    ["Case", "Task", "Owner", "Agency", "Due", "Status"],
    m.actionList.map((a) => [a.caseCode ?? "General", a.what, a.owner ?? "", a.agency.name, a.dueOn, a.status]),
  )}
  </body></html>`;
}

/** Chromium's running header and footer: the marking and "page x of y". */
export function chromiumHeaderFooter(m: Minutes) {
  const style = `font-family: 'DejaVu Sans'; font-size: 8pt; width: 100%; text-align: center; color: #9b1111;`;
  return {
    headerTemplate: `<div style="${style}">${esc(m.classification ?? "")}</div>`,
    footerTemplate: `<div style="${style}">Minutes · version ${m.document.version} · ${esc(m.document.date)} — Page <span class="pageNumber"></span> of <span class="totalPages"></span> — ${esc(m.classification ?? "")}</div>`,
  };
}
