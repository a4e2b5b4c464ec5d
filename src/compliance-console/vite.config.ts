import { defineConfig } from 'vite';

// Served by the local host at /console/ and by Azure Static Web Apps at the same path.
export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // echarts and react-dom are most of it; one bundle loads once per session.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      // react-router marks its modules "use client" for server components; a client-only bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
