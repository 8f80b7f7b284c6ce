import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** Text formats worth compressing (fonts in woff/woff2 and images in png are compressed already). */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|ico|ttf|otf)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy next to each compressible file of the build — the
 * app's hashed assets and the DSFR files copied from public/ — once, at the highest levels: the
 * server sends the copy the browser accepts and never compresses on a request (ADR 0012).
 * A copy that would not save at least a tenth is not written (the file is then sent as is).
 */
function precompress(): Plugin {
  let outDir = "";
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return {
    name: "tandem-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: "post",
      sequential: true,
      async handler() {
        const files = walk(outDir).filter((f) => COMPRESSIBLE.test(f) && fs.statSync(f).size >= 1024);
        await Promise.all(
          files.map(async (file) => {
            const raw = await fs.promises.readFile(file);
            const [br, gz] = await Promise.all([
              brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
              gzip(raw, { level: 9 }),
            ]);
            if (br.length < raw.length * 0.9) await fs.promises.writeFile(`${file}.br`, br);
            if (gz.length < raw.length * 0.9) await fs.promises.writeFile(`${file}.gz`, gz);
          }),
        );
      },
    },
  };
}

// The web app: index.html at the root, sources in src/web, DSFR assets copied to public/dsfr
// by `copy-dsfr-to-public` (npm run build does it), output served by the API server.
// Each page is its own chunk (lazy routes in src/web/routes.tsx); the manifest lets a test check
// what the first page load costs (src/server/platform/staticAssets.test.ts).
export default defineConfig({
  plugins: [react(), precompress()],
  build: { outDir: "dist/web", emptyOutDir: true, manifest: true },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
