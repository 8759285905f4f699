/** Child process: the naive loop, run once (see clientCore.ts); it never loads this project's sdk. */
import { runClient } from "./clientCore";

runClient(null);
