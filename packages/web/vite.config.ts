import { defineConfig } from 'vite';

// Plain Vite: esbuild compiles the TSX (automatic JSX runtime), no framework plugin needed.
// `npm run dev -w @batchyard/web` proxies the API to a server on :8080.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:8080',
    },
  },
});
