import type { Draft, Translation } from "../types.ts";

export default {} satisfies Draft<Translation["plans"]>;
