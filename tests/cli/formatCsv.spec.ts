import assert from "node:assert/strict";
import { csvField, formatCsv } from "../../cli/formatCsv";

describe("cli/formatCsv (RFC 4180)", () => {
  const fields: [string, string][] = [
    ["plain", "plain"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["cr\rlf", '"cr\rlf"'],
    [" spaced ", " spaced "],
    ["群组", "群组"],
  ];
  for (const [input, expected] of fields) {
    it(`field ${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => assert.equal(csvField(input), expected));
  }

  it("writes a header and CRLF-terminated records", () => {
    const csv = formatCsv([
      { groupId: "g1", groupName: "A, B", groupInfo: '{"k":1}', creatorId: "u", adminList: ["x", "y"], createTime: 1700000000, deleted: true },
    ]);
    assert.equal(csv, 'groupId,groupName,groupInfo,creatorId,adminList,createTime,deleted\r\ng1,"A, B","{""k"":1}",u,x;y,1700000000,true\r\n');
  });

  it("writes only the header for no groups", () => {
    assert.equal(formatCsv([]), "groupId,groupName,groupInfo,creatorId,adminList,createTime,deleted\r\n");
  });
});
