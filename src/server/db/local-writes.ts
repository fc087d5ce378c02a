import type pg from "pg";

/**
 * A count of the writes this process has finished (a statement that writes, outside a
 * transaction, or a COMMIT), raised when the server has answered it. Caches of committed data
 * (the school directory, the profiles) skip asking the database whether a hub changed for a
 * second at most, and only while this count has not moved: so a process always reads its own
 * writes at once, and another process's within a second (decision 007).
 */
let finished = 0;
export const localWrites = (): number => finished;

const WRITES = /^\s*(insert|update|delete|copy|commit|truncate|merge|end)\b/i;
const watched = new WeakSet<pg.Pool>();

type Query = (...args: unknown[]) => unknown;

/** Counts the writes made through `pool`'s connections. */
export const watchWrites = (pool: pg.Pool): void => {
  if (watched.has(pool)) return;
  watched.add(pool);
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as Query;
    const counted: Query = (...args) => {
      const first = args[0];
      const text =
        typeof first === "string"
          ? first
          : first !== null && typeof first === "object" && "text" in first
            ? (first as { text: unknown }).text
            : undefined;
      if (typeof text !== "string" || !WRITES.test(text)) return query(...args);
      finished++;
      const bump = () => {
        finished++;
      };
      // Counted again once answered: through the callback (the pool's own queries) or the promise.
      const last = args.at(-1);
      if (typeof last === "function") {
        const done = last as (...a: unknown[]) => unknown;
        return query(...args.slice(0, -1), (...a: unknown[]) => {
          bump();
          return done(...a);
        });
      }
      const result = query(...args);
      if (result !== null && typeof result === "object" && "then" in result)
        (result as Promise<unknown>).then(bump, bump);
      return result;
    };
    (client as unknown as { query: Query }).query = counted;
  });
};
