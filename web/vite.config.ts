// Vite build of the web console into web/dist, which `crosswalk serve` serves at `/`.
// `npm run dev:web`-style use: the dev server proxies /api to a running `crosswalk serve`.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { "/api": process.env.CROSSWALK_URL ?? "http://127.0.0.1:3000" } },
});
