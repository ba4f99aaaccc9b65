import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: "/",
  build: {
    outDir: path.join(here, "dist"),
    emptyOutDir: true,
    // Source maps would hand out the source with every deployment; the server refuses *.map too.
    sourcemap: false,
    target: "es2022",
    chunkSizeWarningLimit: 1024,
  },
  worker: { format: "es" },
  server: {
    // `vite --config client/vite.config.ts` during development talks to the API of `npm start`.
    proxy: { "/api": "http://localhost:3000" },
  },
});
