import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  // Kept after the build: the server reads where each language's strings went
  // (server/http/languageScripts.ts).
  build: { manifest: true },
});
