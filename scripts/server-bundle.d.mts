import type { BuildOptions } from "esbuild";

export const EXTERNAL: string[];
export const serverBuildOptions: (outdir: string) => BuildOptions & { write: false };
