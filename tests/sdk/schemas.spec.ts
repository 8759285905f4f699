import assert from "node:assert/strict";
import { parsePageBody } from "../../sdk/transport/schemas";

const requested = { pageNumber: 3, pageSize: 20 };
const group = { GroupId: "g1", CreatorId: "u1", AdminList: ["a"], Createtime: 1700000000, GroupName: "n", GroupInfo: "i", Delete: false };

describe("parsePageBody (zod schemas)", () => {
  it("converts a full body", () => {
    const parsed = parsePageBody({ RequestId: "R", TotalCount: 41, PageNumber: 3, PageSize: 20, GroupList: [group] }, requested);
    assert.deepEqual(parsed, {
      ok: true,
      page: {
        pageNumber: 3, pageSize: 20, totalCount: 41, requestId: "R",
        groups: [{ groupId: "g1", creatorId: "u1", adminList: ["a"], createTime: 1700000000, groupName: "n", groupInfo: "i", deleted: false }],
      },
    });
  });

  it("fills absent optional fields: strings '', AdminList [], Delete false, page numbers from the request", () => {
    const parsed = parsePageBody({ TotalCount: "1", GroupList: [{ GroupId: "g", Createtime: "17", GroupName: null, Delete: "true" }] }, requested);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.page, {
      pageNumber: 3, pageSize: 20, totalCount: 1, requestId: "",
      groups: [{ groupId: "g", creatorId: "", adminList: [], createTime: 17, groupName: "", groupInfo: "", deleted: true }],
    });
    assert.deepEqual(parsePageBody({ TotalCount: 0 }, requested), { ok: true, page: { pageNumber: 3, pageSize: 20, totalCount: 0, requestId: "", groups: [] } });
    // A page's RequestId is quoted in errors (a shifted listing's): held escaped, as an error's is.
    const odd = parsePageBody({ TotalCount: 0, RequestId: "R\r\u001b[2K\u202e" }, requested);
    assert.equal(odd.ok && odd.page.requestId, "R\\r\\x1b[2K\\u202e");
    // And cut as an error's is: a shifted listing's or TooManyPages error quotes it as its requestId.
    const long = parsePageBody({ TotalCount: 0, RequestId: "R".repeat(100_000) }, requested);
    assert.equal(long.ok && long.page.requestId, `${"R".repeat(128)}…`);
  });

  it("a group without Delete is of the status its page was asked for: deleted on a deleted page, else not deleted", () => {
    const body = { TotalCount: 2, GroupList: [{ GroupId: "g", Createtime: 1 }, { GroupId: "h", Createtime: 2, Delete: false }] };
    const deletedOf = (groupStatus: "all" | "existing" | "deleted"): boolean[] => {
      const parsed = parsePageBody(body, { ...requested, groupStatus });
      assert.ok(parsed.ok);
      return parsed.page.groups.map((g) => g.deleted);
    };
    assert.deepEqual(deletedOf("deleted"), [true, false]);
    assert.deepEqual(deletedOf("existing"), [false, false]);
    assert.deepEqual(deletedOf("all"), [false, false]);
  });

  it("reads Delete as given, a boolean or the string \"true\" or \"false\", on every status's page", () => {
    for (const groupStatus of ["all", "existing", "deleted"] as const) {
      const parsed = parsePageBody({ TotalCount: 4, GroupList: [true, "true", false, "false"].map((Delete, i) => ({ GroupId: `g${i}`, Createtime: 1, Delete })) },
        { ...requested, groupStatus });
      assert.ok(parsed.ok, groupStatus);
      assert.deepEqual(parsed.page.groups.map((g) => g.deleted), [true, true, false, false], groupStatus);
    }
  });

  const invalid: ReadonlyArray<readonly [string, unknown, RegExp]> = [
    ["missing TotalCount", { RequestId: "R", GroupList: [] }, /TotalCount/],
    ["negative TotalCount", { TotalCount: -1 }, /TotalCount/],
    ["missing Createtime", { TotalCount: 1, GroupList: [{ GroupId: "g" }] }, /GroupList\.0\.Createtime/],
    ["empty GroupId", { TotalCount: 1, GroupList: [{ GroupId: "", Createtime: 1 }] }, /GroupList\.0\.GroupId/],
    ["AdminList not a list", { TotalCount: 1, GroupList: [{ GroupId: "g", Createtime: 1, AdminList: "a,b" }] }, /AdminList/],
    ["GroupList not a list", { TotalCount: 1, GroupList: {} }, /GroupList/],
    ["not an object", [1, 2], /body/],
    // A numeric string is digits only: Number() of anything else is NaN (a creation time or a count that is no number).
    ["a Createtime with a unit", { TotalCount: 1, GroupList: [{ GroupId: "g", Createtime: "1700000000s" }] }, /GroupList\.0\.Createtime/],
    ["a Createtime with a sign", { TotalCount: 1, GroupList: [{ GroupId: "g", Createtime: "-17" }] }, /GroupList\.0\.Createtime/],
    ["an empty TotalCount", { TotalCount: "" }, /TotalCount/],
  ];
  for (const [name, body, where] of invalid) {
    it(`rejects ${name}`, () => {
      const parsed = parsePageBody(body, requested);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.problem, where);
    });
  }

  it("keeps the RequestId of an invalid body", () => {
    const parsed = parsePageBody({ RequestId: "RID", TotalCount: "x" }, requested);
    assert.deepEqual(parsed.ok ? null : parsed.requestId, "RID");
    // A body that is no object, or a RequestId that is no string: refused all the same, with none.
    for (const body of [null, "text", 7, { RequestId: 7, TotalCount: "x" }]) {
      const refused = parsePageBody(body, requested);
      assert.equal(refused.ok, false, JSON.stringify(body));
      assert.equal(refused.ok ? undefined : refused.requestId, null, JSON.stringify(body));
    }
  });

  it("takes PageNumber and PageSize from the body when it has them (a page other than the one asked for is told apart)", () => {
    const parsed = parsePageBody({ TotalCount: 41, PageNumber: "4", PageSize: 50 }, requested);
    assert.ok(parsed.ok);
    assert.deepEqual([parsed.page.pageNumber, parsed.page.pageSize], [4, 50]);
  });
});
