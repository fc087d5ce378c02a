/**
 * The full 2023 GIAS establishment extract header, in file order. The one copy lives with the
 * reader (the fixture builder uses it too); re-exported here for the benchmarks.
 */
export { GIAS_COLUMNS_2023 } from "../src/server/modules/schools/gias/gias-columns.ts";
