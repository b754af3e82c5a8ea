import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  future: {
    // Adopted early: React Router 8 behaviour that needs nothing else from us.
    v8_splitRouteModules: true,
    v8_trailingSlashAwareDataRequests: true,
    v8_passThroughRequests: true,
    v8_viteEnvironmentApi: true,
    // Not yet: middleware changes the load context into a RouterContextProvider;
    // services reach routes through the plain load context (docs/decisions/0001).
    v8_middleware: false,
  },
} satisfies Config;
