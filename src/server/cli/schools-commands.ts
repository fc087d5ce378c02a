import type { Command } from "commander";

/** `tutti schools …`: added by the schools register. */
export const registerSchoolCommands = (_program: Command): void => {};
