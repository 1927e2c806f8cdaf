// Vitest global setup: builds the web console into web/dist once per run when its sources are
// newer than the build, so the browser tests serve what the sources say.
import { buildConsoleIfStale } from "../../web/build-if-stale.mjs";

export function setup() {
  buildConsoleIfStale();
}
