import { data } from "react-router";
import { actorOf } from "../../server/auth/guards.ts";
import { requireMinutesReader } from "../../server/minutes/access.ts";
import type { Route } from "./+types/meeting-minutes-pdf";

// The minutes as a PDF. `?version=N`: an approved version; the chair and the coordinator
// get the archived full record (checked against its SHA-256), anyone else invited their
// own redacted copy of a version that has been sent. Without a version: the live draft,
// for the chair and the coordinator only. Every download audited.
const ERROR_STATUS = { not_found: 404, forbidden: 403, purged: 410, tampered: 500, missing: 500 } as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, meeting, reviewer, recipient } = await requireMinutesReader(
    context,
    request,
    params.networkId,
    params.meetingId,
  );
  const raw = new URL(request.url).searchParams.get("version");
  const version = raw === null ? undefined : /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(version)) throw data({ reason: "not_found" }, { status: 404 });
  if (!reviewer) {
    const v =
      version === undefined
        ? undefined
        : (await context.services.minutes.versions(meeting.id)).find((x) => x.version === version);
    // Members see a version once it has been sent to them.
    if (!v || v.status !== "distributed") throw data({ reason: "not_found" }, { status: 404 });
  }
  const r = await context.services.minutes.download(
    actorOf(context, viewer),
    meeting.id,
    { personId: viewer.personId, recipient, language: context.language },
    version,
  );
  if ("error" in r) throw data({ reason: r.error }, { status: ERROR_STATUS[r.error] });
  const name = `minutes-${meeting.startsAt.toISOString().slice(0, 10)}-${r.draft ? "draft" : `v${r.version}`}.pdf`;
  return new Response(new Uint8Array(r.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${name}"`,
      "Content-Length": String(r.pdf.length),
    },
  });
}
