import path from "node:path";

/** DATA_DIR as loadConfig resolves it; on its own so that the CLI's entry can read it before zod loads. */
export const dataDirOf = (env: NodeJS.ProcessEnv = process.env): string =>
  path.resolve(env.DATA_DIR || "./data");
