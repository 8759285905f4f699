// Fails `npm test` when sdk/ falls to 90% of lines or below. Reads the json-summary that `c8 mocha`
// wrote (c8's own check-coverage cannot filter to one folder reliably once sources are remapped).
import { readFileSync } from "node:fs";
import { relative, sep } from "node:path";

const MIN_LINES_PERCENT = 90;
const summary = JSON.parse(readFileSync("coverage/coverage-summary.json", "utf8"));
let covered = 0;
let total = 0;
for (const [file, metrics] of Object.entries(summary)) {
  if (file === "total") continue;
  const path = relative(process.cwd(), file).split(sep).join("/");
  if (!path.startsWith("sdk/")) continue;
  covered += metrics.lines.covered;
  total += metrics.lines.total;
}
if (total === 0) {
  console.error("sdk coverage: no sdk/ file in coverage/coverage-summary.json");
  process.exit(1);
}
const percent = (100 * covered) / total;
const verdict = percent > MIN_LINES_PERCENT ? "ok" : "TOO LOW";
console.log(`sdk/ line coverage: ${percent.toFixed(2)}% (${covered}/${total}), required above ${MIN_LINES_PERCENT}%: ${verdict}`);
if (percent <= MIN_LINES_PERCENT) process.exit(1);
