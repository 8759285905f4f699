/**
 * `npm run bench`'s struct scenario (bench/structCodec.ts) at a size below the memory target's
 * (`--quick`, or `--state-sizes` under 10,000): the two codecs' results are still judged, so a
 * conversion that differs from google-protobuf's cannot end the run without a MISS.
 */
import assert from "node:assert/strict";
import { structCodecScenario } from "../../bench/structCodec";

describe("bench: struct scenario below 10,000 groups", function () {
  this.timeout(180_000);

  it("prints a verdict on each direction's result (it printed none: an empty list of targets)", async () => {
    const judged: { target: string; met: boolean; figure: string }[] = [];
    const verdicts = await structCodecScenario([300], (target, met, figure) => {
      judged.push({ target, met, figure });
      return `${met ? "MET " : "MISS"}  ${target}: ${figure}`;
    }, () => undefined);
    assert.equal(verdicts.length, 2);
    assert.deepEqual(judged.map((v) => [v.target, v.met, v.figure]), [
      ["the plugin's Struct reading at 300 groups (full) gives google-protobuf's result", true, "same"],
      ["the plugin's Struct writing at 300 groups (full) gives google-protobuf's result", true, "same"],
    ]);
  });
});
