import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { conventionsDir } from "../convention/demoConventions.js";
import { closeYamlWorkers, parseUntrustedYaml, YAML_LIMITS } from "./untrustedYaml.js";

afterAll(() => closeYamlWorkers());

/** The error a call rejects with, as the client would see it. */
const refusal = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => null,
    (e: { status?: number; code?: string; message: string }) => e,
  );
  return error && { status: error.status, code: error.code, message: error.message };
};

describe("reading a YAML file sent by a user", () => {
  it("reads every seed convention exactly as the yaml package does", async () => {
    const files = fs.readdirSync(conventionsDir).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const text = fs.readFileSync(path.join(conventionsDir, file), "utf8");
      expect(await parseUntrustedYaml(text)).toEqual({ value: YAML.parse(text), issues: [] });
    }
  });

  it("refuses a 460 kB file of 42 000 flat keys in a few milliseconds, before any parsing", async () => {
    let text = "";
    for (let i = 0; i < 42_000; i++) text += `k${String(i).padStart(6, "0")}: 1\n`;
    const started = performance.now();
    expect(await refusal(parseUntrustedYaml(text))).toEqual({
      status: 413,
      code: "FILE_TOO_COMPLEX",
      message: "Le fichier est trop volumineux ou trop complexe pour être lu : il dépasse 256 Ko.",
    });
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("refuses a file over the size and line limits", async () => {
    expect((await refusal(parseUntrustedYaml(`titre: "${"x".repeat(300_000)}"`)))?.message).toMatch(/il dépasse 256 Ko/);
    expect((await refusal(parseUntrustedYaml("- a\n".repeat(12_000))))?.message).toMatch(/il dépasse 10\u202f000 lignes/);
    expect((await refusal(parseUntrustedYaml("{a: 1, b: 2}\n".repeat(2_000))))?.message).toMatch(/il dépasse 5\u202f000 clés et éléments de liste/);
  });

  it("refuses deep nesting, in flow style (before parsing) and in block style (on the result)", async () => {
    expect((await refusal(parseUntrustedYaml(`a: ${"[".repeat(10_000)}${"]".repeat(10_000)}`)))?.message).toMatch(/32 niveaux d’imbrication/);
    let block = "";
    for (let i = 0; i < 40; i++) block += `${" ".repeat(i)}n${i}:\n`;
    expect((await refusal(parseUntrustedYaml(`${block}${" ".repeat(40)}fin: 1\n`)))?.code).toBe("FILE_TOO_COMPLEX");
  });

  it("refuses an alias bomb (billion laughs) without expanding it", async () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
      "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
    ].join("\n");
    expect((await refusal(parseUntrustedYaml(bomb)))?.message).toMatch(/trop d’alias YAML \(50 au plus\)/);
  });

  it("stops a parse that overruns its time, and the next file is read normally", async () => {
    let text = "convention:\n";
    for (let i = 0; i < 4_000; i++) text += `  cle_${i}_${"x".repeat(40)}: valeur\n`;
    expect(await refusal(parseUntrustedYaml(text, { ...YAML_LIMITS, timeoutMs: 1 }))).toMatchObject({
      status: 413,
      message: expect.stringContaining("sa lecture dépasse"),
    });
    expect(await parseUntrustedYaml("a: 1")).toEqual({ value: { a: 1 }, issues: [] });
  });

  it("reports a syntax error by line, and a control character written as an escape by path", async () => {
    expect(await parseUntrustedYaml("convention:\n  title: [non fermé\n")).toMatchObject({
      value: undefined,
      issues: [{ path: expect.stringMatching(/^ligne \d+$/), message: expect.stringMatching(/^YAML illisible : /) }],
    });
    expect(await parseUntrustedYaml('convention:\n  title: "Titre\\0caché"\n  "cl\\x01e": 1\n')).toEqual({
      value: undefined,
      issues: [
        { path: "convention.title", message: "Ce texte contient un caractère de contrôle interdit (par exemple le caractère nul)." },
        { path: "convention", message: "Ce texte contient un caractère de contrôle interdit (par exemple le caractère nul)." },
      ],
    });
  });
});
