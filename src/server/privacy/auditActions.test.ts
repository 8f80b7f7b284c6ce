import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, auditActionLabel } from "../../shared/auditActions.js";

/**
 * Every action the server writes to the audit trail reads in French on the DPO's page and in the
 * export. Actions are written as `audit(tx, ctx, { action: "…" })` or named by a command path's
 * options (`{ audit: "…" }` for runCaseCommand, runConventionCommand, runReviewCommand): this test
 * reads the code for both forms and asks the catalogue for each.
 */
const serverDir = join(import.meta.dirname, "..");
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [join(dir, e.name)] : [],
  );

const literals = (expression: string) => [...expression.matchAll(/["'`]([a-z_]+(?:\.[a-z_]+)+)["'`]/g)].map((l) => l[1]);

/**
 * The actions in a source file: the `action:` of each `audit(` call, and each command path's
 * `audit:` option (a ternary gives both of its branches). A command's `action:` option is the
 * policy it asks, not an audit action.
 */
function auditActionsIn(code: string): string[] {
  const found: string[] = [];
  for (const call of code.matchAll(/\baudit\(/g)) {
    const action = /\baction\s*:\s*([^,;}\n]*)/.exec(code.slice(call.index, call.index + 600));
    if (action) found.push(...literals(action[1]));
  }
  for (const option of code.matchAll(/\baudit\s*:\s*([^,;}\n]*)/g)) found.push(...literals(option[1]));
  return found;
}

describe("the audit actions' French labels", () => {
  it("reads both forms of writing an action", () => {
    expect(auditActionsIn(`await audit(tx, ctx, { action: active ? "user.reactivated" : "user.deactivated", subjectType: "user" });`)).toEqual(["user.reactivated", "user.deactivated"]);
    expect(auditActionsIn(`runCaseCommand(db, ctx, id, { audit: "support.exited", today }, …)`)).toEqual(["support.exited"]);
    expect(auditActionsIn(`runCaseCommand(db, ctx, id, { audit: "support.letter_sent", today, action: "support.case.read" }, …)`)).toEqual(["support.letter_sent"]);
    expect(auditActionsIn(`await audit(tx, { ...ctx, user }, {\n  action: "auth.login",\n  subjectType: "user" });`)).toEqual(["auth.login"]);
  });

  it("labels every action written by the server", () => {
    const actions = new Set(sources(serverDir).flatMap((file) => auditActionsIn(readFileSync(file, "utf8"))));
    expect(actions.size).toBeGreaterThan(50);
    const unlabelled = [...actions].filter((a) => !(a in AUDIT_ACTION_LABELS)).sort();
    expect(unlabelled, "actions sans libellé dans shared/auditActions.ts").toEqual([]);
  });

  it("says an unknown action as a sentence rather than failing", () => {
    expect(auditActionLabel("support.exited")).toBe("Sortie de l’accompagnement");
    expect(auditActionLabel("x.y")).toBe("Action « x.y »");
  });
});
