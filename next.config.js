// Next.js configuration. Grading runs in the grader pool's child processes, never here; the
// native and Node-only packages below are loaded with plain `require` instead of being bundled.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: [
    "isolated-vm",
    "esbuild",
    "better-sqlite3",
    "@prisma/client",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "prisma",
    // The durable grading queue (lib/grading-queue.ts), loaded only when GRADING_QUEUE_URL is set.
    "pg-boss",
    "pg",
  ],
  // Pin the workspace root: the build must not wander to a lockfile in a parent directory.
  turbopack: {
    root: __dirname,
    // Exercise folders, the database file and the grader worker are found at run time on
    // purpose: the app runs from the repository with `next start`, never as a traced bundle.
    ignoreIssue: [{ path: /(^|[\/\]])(grader|lib|prisma)\//, title: /Dynamic filesystem access/ }],
  },
  outputFileTracingRoot: __dirname,
  // forbidden() in app/instructor/ answers a signed-in learner with a real 403 page.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
        ],
      },
      {
        // Monaco's files never change for a given install: let browsers keep them.
        source: "/monaco/:path*",
        headers: [{ key: "Cache-Control", value: "public, max-age=604800, stale-while-revalidate=86400" }],
      },
      {
        // Its chunks carry a content hash in their names (editor-BdtEMBbM.js): a new Monaco
        // version has new names, so these can be kept for good and never revalidated.
        source: "/monaco/vs/:file([A-Za-z0-9_.]+-[A-Za-z0-9_-]{8}\\.js)",
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      },
    ];
  },
};

module.exports = nextConfig;
