import { networkOfScratch, SCRATCH_PREFIX } from "../../app/contract/noteDocs.ts";
import { isGuest } from "../auth/policy.ts";
import type { Notes } from "./notes.ts";

/** Members of the network read and write its scratch notes; guests, invited for one case item only, do not. */
export function registerScratchNotes(notes: Pick<Notes, "registerNotesAccess">): void {
  notes.registerNotesAccess(
    SCRATCH_PREFIX,
    (person, doc) => {
      const networkId = networkOfScratch(doc);
      return networkId !== null && person.memberships[networkId] !== undefined && !isGuest(person, networkId);
    },
    { networkOf: networkOfScratch },
  );
}
