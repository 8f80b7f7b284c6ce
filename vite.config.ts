import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app: index.html at the root, sources in src/web, DSFR assets copied to public/dsfr
// by `copy-dsfr-to-public` (npm run build does it), output served by the API server.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist/web", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
