import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { z } from "zod";
import { ConventionFileSchema } from "../../shared/contracts/conventionFile.js";

/**
 * docs/convention.schema.json is the JSON Schema of a convention file, committed so that editors
 * validate the YAML files (each seed names it on its first line, `yaml-language-server: $schema=`).
 * It is generated from the zod schema — the same call as GET /api/conventions/schema.json — and
 * this test fails when it is stale. To regenerate it:
 *   UPDATE_CONVENTION_SCHEMA=1 npx vitest run src/server/convention/conventionSchemaFile.test.ts
 */
const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/convention.schema.json");
const conventionJsonSchemaText = () => `${JSON.stringify(z.toJSONSchema(ConventionFileSchema, { io: "input", unrepresentable: "any" }), null, 2)}\n`;

it("the committed JSON Schema of convention files is the one the zod schema gives", () => {
  const expected = conventionJsonSchemaText();
  if (process.env.UPDATE_CONVENTION_SCHEMA === "1") fs.writeFileSync(file, expected);
  expect(fs.existsSync(file), "docs/convention.schema.json manque : UPDATE_CONVENTION_SCHEMA=1 npx vitest run src/server/convention/conventionSchemaFile.test.ts").toBe(true);
  expect(fs.readFileSync(file, "utf8"), "docs/convention.schema.json n’est plus à jour : UPDATE_CONVENTION_SCHEMA=1 npx vitest run src/server/convention/conventionSchemaFile.test.ts").toBe(expected);
});

it("describes delays as a value and a unit, and no delay as a bare number", () => {
  const schema = JSON.parse(fs.readFileSync(file, "utf8"));
  const dataClauses = schema.properties.convention.properties.dataClauses.anyOf.find((s: { type?: string }) => s.type === "object");
  const breach = dataClauses.properties.breachNotice.anyOf.find((s: { type?: string }) => s.type === "object");
  expect(breach.properties.unit.enum).toEqual(["hours", "days", "weeks", "months", "years"]);
  expect(breach.required).toEqual(["value", "unit"]);
  const text = JSON.stringify(schema);
  for (const old of ["breachNoticeHours", "daysFromOrientationToStart", "formalNoticeMonths", "effectiveMonthsAfterReceipt", "paymentWindowMonths"]) expect(text).not.toContain(old);
});
