/// <reference types="vitest/config" />
// Vite builds ui/dist, which the release binary embeds (tauri.conf.json `frontendDist`).
// The dev server port must match `devUrl` in tauri.conf.json.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    // WebKitGTK 2.50 on Linux; Safari 16 covers what it supports.
    target: "safari16",
    // Everything is local; source maps would only grow the binary.
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
