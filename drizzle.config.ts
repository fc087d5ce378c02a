import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes a new SQL migration from the schema. Migrations are committed
// and never edited after they land.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema/index.ts",
  out: "./src/server/db/migrations",
});
