import { ensureBuild } from "../../server/ensureBuild.ts";

// Integration and browser tests serve the real production build.
export default function setup() {
  ensureBuild();
}
