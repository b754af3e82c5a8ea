// Awareness (who is in the notes, where their cursor is) is relayed between the people
// in a document and never stored. The server reads each message so that a name label
// always shows the signed-in person's real name, and no one can move or remove
// somebody else's cursor.

/** The colours a cursor may have; the browser maps each to a class in the stylesheet. */
export const CARET_COLOURS = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"] as const;

/** One socket has one editor per document; a few allow for a re-mounted editor. */
const MAX_CLIENTS_PER_SOCKET = 4;

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** JSON of the state, or null when the client left. */
  state: string | null;
}

export class MalformedAwareness extends Error {}

class Reader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  varUint(): number {
    let n = 0;
    let mult = 1;
    for (;;) {
      if (this.pos >= this.bytes.length) throw new MalformedAwareness("Unexpected end of awareness update");
      const b = this.bytes[this.pos++];
      n += (b & 0x7f) * mult;
      if (b < 0x80) return n;
      mult *= 128;
      if (mult > 2 ** 53) throw new MalformedAwareness("Number too large in awareness update");
    }
  }
  varString(): string {
    const length = this.varUint();
    if (this.pos + length > this.bytes.length) throw new MalformedAwareness("Unexpected end of awareness update");
    const text = new TextDecoder("utf-8", { fatal: true }).decode(this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return text;
  }
  get done() {
    return this.pos === this.bytes.length;
  }
}

/** Decodes y-protocols' awareness update: count, then (clientID, clock, JSON state) each. */
export function decodeAwareness(bytes: Uint8Array): AwarenessEntry[] {
  const r = new Reader(bytes);
  const n = r.varUint();
  if (n > 64) throw new MalformedAwareness("Too many clients in one awareness update");
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = r.varUint();
    const clock = r.varUint();
    const json = r.varString();
    entries.push({ clientId, clock, state: json === "null" ? null : json });
  }
  if (!r.done) throw new MalformedAwareness("Trailing bytes after awareness update");
  return entries;
}

export function encodeAwareness(entries: AwarenessEntry[]): Uint8Array {
  const out: number[] = [];
  const varUint = (n: number) => {
    while (n > 0x7f) {
      out.push((n % 128) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n);
  };
  varUint(entries.length);
  for (const e of entries) {
    varUint(e.clientId);
    varUint(e.clock);
    const text = new TextEncoder().encode(e.state ?? "null");
    varUint(text.length);
    out.push(...text);
  }
  return Uint8Array.from(out);
}

/** Keeps only what a cursor needs, with the name the server knows. */
function sanitise(json: string, name: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new MalformedAwareness("Awareness state is not JSON");
  }
  const state = (parsed && typeof parsed === "object" ? parsed : {}) as {
    user?: { color?: unknown };
    cursor?: unknown;
  };
  const colour = CARET_COLOURS.find((c) => c === state.user?.color) ?? CARET_COLOURS[0];
  const cursor = state.cursor && typeof state.cursor === "object" ? state.cursor : null;
  return JSON.stringify({ user: { name, color: colour }, cursor });
}

interface Held {
  owner: string;
  clock: number;
  state: string | null;
}

export function createAwarenessRelay() {
  const docs = new Map<string, Map<number, Held>>();

  return {
    /** What to pass on to the others, or null when nothing is left after checking. */
    receive(doc: string, owner: string, name: string, bytes: Uint8Array): Uint8Array | null {
      const held = docs.get(doc) ?? new Map<number, Held>();
      const accepted: AwarenessEntry[] = [];
      for (const e of decodeAwareness(bytes)) {
        const current = held.get(e.clientId);
        if (current && current.owner !== owner) continue;
        if (!current && [...held.values()].filter((h) => h.owner === owner).length >= MAX_CLIENTS_PER_SOCKET) continue;
        const state = e.state === null ? null : sanitise(e.state, name);
        if (state === null) held.delete(e.clientId);
        else held.set(e.clientId, { owner, clock: e.clock, state });
        accepted.push({ clientId: e.clientId, clock: e.clock, state });
      }
      if (held.size) docs.set(doc, held);
      else docs.delete(doc);
      return accepted.length ? encodeAwareness(accepted) : null;
    },

    /** Everyone's current state, for someone joining. */
    snapshot(doc: string): Uint8Array {
      const held = docs.get(doc);
      return encodeAwareness([...(held ?? [])].map(([clientId, h]) => ({ clientId, clock: h.clock, state: h.state })));
    },

    /** Removes a socket's cursors; returns the update that tells the others, if any. */
    drop(doc: string, owner: string): Uint8Array | null {
      const held = docs.get(doc);
      if (!held) return null;
      const gone: AwarenessEntry[] = [];
      for (const [clientId, h] of held) {
        if (h.owner !== owner) continue;
        held.delete(clientId);
        gone.push({ clientId, clock: h.clock + 1, state: null });
      }
      if (!held.size) docs.delete(doc);
      return gone.length ? encodeAwareness(gone) : null;
    },
  };
}
