import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from app:// in Electron and by `cairn serve` over loopback, so every URL
// in the build is relative (base './'). The root vitest.config.ts extends this file for its
// jsdom project; that project sets its own root so test paths resolve from the repository.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Inlined assets would be data: URLs in script/style positions, which the CSP forbids.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
});
