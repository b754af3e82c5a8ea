// Imported first by the bench: the server runs (and React renders) as in production,
// decided before any module that reads NODE_ENV is loaded.
process.env.NODE_ENV = "production";
