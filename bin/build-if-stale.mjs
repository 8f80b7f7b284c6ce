#!/usr/bin/env node
// `npm start` and `npm test` build the web app only when what it is built from changed since the
// last build (a hash of those files is kept next to the build): a warm start does not pay the
// 20-40 s of a Vite build again.
import { execSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const stamp = path.join(root, "dist", ".web-build-inputs.sha256");
// What the web build reads: its sources (and the domain and contracts they import), its
// configuration and the locked dependencies (the DSFR copied into public/ comes from them).
const files = ["index.html", "vite.config.ts", "tsconfig.json", "package.json", "package-lock.json"];
const dirs = ["src/web", "src/shared", "src/domain"];

const walk = (dir) =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    : [];

const hash = crypto.createHash("sha256");
for (const file of [...files.map((f) => path.join(root, f)), ...dirs.flatMap((d) => walk(path.join(root, d)))].sort()) {
  if (!fs.existsSync(file)) continue;
  hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
}
const inputs = hash.digest("hex");

if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === inputs && fs.existsSync(path.join(root, "dist", "web", "index.html"))) {
  console.log("Interface web déjà construite et à jour : pas de reconstruction.");
} else {
  execSync("npm run build", { cwd: root, stdio: "inherit" });
  fs.writeFileSync(stamp, `${inputs}\n`);
}
