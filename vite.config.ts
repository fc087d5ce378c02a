import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Vendor chunks: stable, cacheable groups. Feature pages are lazy routes with their own chunks. */
const vendorGroups: Array<{ name: string; test: RegExp; priority: number }> = [
  { name: "react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
  {
    name: "router",
    test: /[\\/]node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/,
    priority: 30,
  },
  { name: "query", test: /[\\/]node_modules[\\/]@tanstack[\\/]/, priority: 30 },
  { name: "forms", test: /[\\/]node_modules[\\/](react-hook-form|@hookform)[\\/]/, priority: 20 },
  { name: "zod", test: /[\\/]node_modules[\\/]zod[\\/]/, priority: 20 },
  {
    name: "plot",
    test: /[\\/]node_modules[\\/](@observablehq|d3-[^\\/]+|d3|isoformat|interval-tree-1d)[\\/]/,
    priority: 20,
  },
];

export default defineConfig({
  root,
  publicDir: false,
  plugins: [react(), tailwindcss()],
  build: {
    outDir: "dist/web",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
  preview: { host: "127.0.0.1", port: 4173, proxy: { "/api": "http://127.0.0.1:3000" } },
});
