import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import { formatCsv, formatCsvRecords } from "../../cli/commands/listCommand";

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
    it(`field ${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
      const record = formatCsvRecords([[input]]);
      assert.equal(record, `${expected}\r\n`);
      // csv-parse reads back the value, strictly (RFC 4180 quoting, CRLF records).
      assert.deepEqual(parse(record, { record_delimiter: "\r\n", relax_quotes: false }), [[input]]);
    });
  }

  it("writes a header and CRLF-terminated records", () => {
    const csv = formatCsv([
      { groupId: "g1", groupName: "A, B", groupInfo: '{"k":1}', creatorId: "u", adminList: ["x", "y"], createTime: 1700000000, deleted: true },
    ]);
    assert.equal(csv, 'groupId,groupName,groupInfo,creatorId,adminList,createTime,deleted\r\ng1,"A, B","{""k"":1}",u,x;y,1700000000,true\r\n');
  });

  it("round-trips every field of tricky groups through csv-parse", () => {
    const groups = [
      { groupId: "g1", groupName: 'Tricky, "quoted"\r\nname 直播\u001b[2J', groupInfo: "", creatorId: " u ", adminList: ["x"], createTime: 1, deleted: false },
      { groupId: "g,2", groupName: "😀 emoji", groupInfo: "=1+1", creatorId: "", adminList: [], createTime: 2, deleted: true },
    ];
    const records = parse(formatCsv(groups), { record_delimiter: "\r\n" }) as string[][];
    assert.deepEqual(records, [
      ["groupId", "groupName", "groupInfo", "creatorId", "adminList", "createTime", "deleted"],
      ...groups.map((g) => [g.groupId, g.groupName, g.groupInfo, g.creatorId, g.adminList.join(";"), String(g.createTime), String(g.deleted)]),
    ]);
  });

  it("adminList splits back exactly: a ; or \\ inside an admin ID is escaped, so [\"a;b\", \"c\"] is not three admins", () => {
    const lists = [["a;b", "c"], ["a", "b", "c"], ["back\\slash", "semi;", ";"], ["plain"], []];
    const csv = formatCsv(lists.map((adminList, i) => ({ groupId: `g${i}`, groupName: "", groupInfo: "", creatorId: "", adminList, createTime: 1, deleted: false })));
    const fields = (parse(csv, { record_delimiter: "\r\n", from_line: 2 }) as string[][]).map((record) => record[4] as string);
    assert.equal(fields[0], "a\\;b;c");
    assert.equal(fields[1], "a;b;c");
    // A consumer's split on the unescaped ";", then unescaping, gives each list back.
    const split = (field: string): string[] => {
      if (field === "") return [];
      const admins: string[] = [];
      let admin = "";
      for (let i = 0; i < field.length; i++) {
        const char = field[i] as string;
        if (char === "\\") admin += field[++i] ?? "";
        else if (char === ";") [admins[admins.length], admin] = [admin, ""];
        else admin += char;
      }
      return [...admins, admin];
    };
    assert.deepEqual(fields.map(split), lists);
  });

  // The documented exception (cli/README.md): [] and [""] both write an empty field, read back as [].
  it("adminList [] and [\"\"] both write an empty field; [\"\", \"\"] is \";\"", () => {
    const csv = formatCsv([[], [""], ["", ""]].map((adminList, i) => ({ groupId: `g${i}`, groupName: "", groupInfo: "", creatorId: "", adminList, createTime: 1, deleted: false })));
    assert.deepEqual((parse(csv, { record_delimiter: "\r\n", from_line: 2 }) as string[][]).map((record) => record[4]), ["", "", ";"]);
  });

  it("writes only the header for no groups", () => {
    assert.equal(formatCsv([]), "groupId,groupName,groupInfo,creatorId,adminList,createTime,deleted\r\n");
  });
});
