/**
 * Preloaded (`node -r`) into the processes the "cli-output" scenario measures: on exit, writes the
 * process's peak resident memory (KiB, `process.resourceUsage().maxRSS`) to the file named by
 * $LMG_BENCH_MAX_RSS_FILE. The CLI ends with process.exit, which still runs "exit" listeners.
 */
import { writeFileSync } from "node:fs";

const file = process.env["LMG_BENCH_MAX_RSS_FILE"];
if (file !== undefined && file !== "") process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
