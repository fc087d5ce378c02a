import pg from "pg";

/**
 * Freshness of what a process keeps in memory, told by the database (decision 013).
 *
 * Triggers `pg_notify` this channel in the writer's transaction (so the notification goes out
 * when, and only if, it commits): `hub:<id>` when a hub's `schools_version` or
 * `profiles_version` moves, `session:<id_hash>` when a session row changes, `sessions` when
 * sessions are deleted or memberships, users or hub names change. Each process LISTENs on one
 * connection of its own; while that connection is down, callers fall back to asking the
 * database (the version check) and keep no sessions.
 */
export const FRESHNESS_CHANNEL = "tutti_freshness";

/** A notification's payload, or `undefined`: take everything as stale (listening began or stopped). */
export type FreshnessEvent = string | undefined;

export type Freshness = {
  /** True while the LISTEN connection is up, so every committed change is heard. */
  live: () => boolean;
  /** Moves on every notification and every start or loss of listening. */
  generation: () => number;
  subscribe: (fn: (event: FreshnessEvent) => void) => () => void;
  /**
   * Resolves once every notification committed before the call has been heard (a round trip
   * on the listening connection: PostgreSQL delivers pending notifications before answering).
   * A write request awaits this before it answers, so its client then reads its own write.
   */
  settle: () => Promise<void>;
  /** The PostgreSQL backend listening (for tests that cut it), or undefined while not listening. */
  backendPid: () => number | undefined;
  stop: () => Promise<void>;
};

export type FreshnessOptions = {
  log?: (line: string) => void;
  /** First delay before reconnecting; doubled after each failure up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
};

/** Listens on its own connection (made from `config`), reconnecting with back-off. */
export const createFreshness = (config: pg.ClientConfig, opts: FreshnessOptions = {}): Freshness => {
  const minDelay = opts.minDelayMs ?? 100;
  const maxDelay = opts.maxDelayMs ?? 5000;
  const subscribers = new Set<(event: FreshnessEvent) => void>();
  let client: pg.Client | undefined;
  let generation = 0;
  let delay = minDelay;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let connecting: Promise<void> | undefined;
  let pid: number | undefined;

  const emit = (event: FreshnessEvent) => {
    generation++;
    for (const fn of subscribers) fn(event);
  };

  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connecting = connect();
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, maxDelay);
  };

  const lost = (c: pg.Client, err?: Error) => {
    if (client !== c) return;
    client = undefined;
    emit(undefined);
    if (!stopped) opts.log?.(`listening for changes stopped${err ? `: ${err.message}` : ""}; reconnecting`);
    c.end().catch(() => {});
    schedule();
  };

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ ...config, query_timeout: 5000 });
    c.on("error", (err) => lost(c, err));
    c.on("end", () => lost(c));
    c.on("notification", (n) => {
      if (client === c && n.channel === FRESHNESS_CHANNEL) emit(n.payload);
    });
    try {
      await c.connect();
      await c.query(`listen ${FRESHNESS_CHANNEL}`);
      const res = await c.query<{ pid: number }>("select pg_backend_pid() as pid");
      pid = res.rows[0]?.pid;
    } catch (err) {
      c.end().catch(() => {});
      if (!stopped) opts.log?.(`cannot listen for changes: ${(err as Error).message}; retrying`);
      schedule();
      return;
    }
    if (stopped) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    delay = minDelay;
    // What was read while nobody listened may be stale: forget it all.
    emit(undefined);
  };

  connecting = connect();

  let settling: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const roundTrip = async () => {
    const c = client;
    if (!c) return;
    try {
      await c.query("select 1");
    } catch {
      // The connection failed: its 'error' handler takes it out; callers fall back.
    }
  };

  return {
    live: () => client !== undefined,
    backendPid: () => (client ? pid : undefined),
    generation: () => generation,
    subscribe: (fn) => {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    settle: () => {
      // Callers that ask while a round trip is out share the next one (sent once it is back: the
      // one out may have left before their commit), so the listening connection runs one query
      // at a time however many write requests end at once.
      if (!client) return Promise.resolve();
      if (!settling) {
        settling = roundTrip().finally(() => {
          settling = undefined;
        });
        return settling;
      }
      queued ??= settling.then(() => {
        queued = undefined;
        settling = roundTrip().finally(() => {
          settling = undefined;
        });
        return settling;
      });
      return queued;
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await connecting;
      const c = client;
      client = undefined;
      if (c) await c.end().catch(() => {});
    },
  };
};

const registered = new WeakMap<
  object,
  { config: pg.ClientConfig; opts: FreshnessOptions; freshness?: Freshness; holders: number }
>();

/** Makes `db` (a database handle over `pool`) able to listen; `freshnessOf` starts it when first asked. */
export const registerFreshness = (db: object, pool: pg.Pool, opts: FreshnessOptions = {}): void => {
  const { max: _max, idleTimeoutMillis: _idle, ...config } = pool.options;
  // Same application_name as the pool's: a command counting other processes' clients skips it.
  registered.set(db, { config, opts, holders: 0 });
};

/** The listener of a database handle (undefined for an open transaction or an unknown handle). */
export const freshnessOf = (db: object): Freshness | undefined => {
  const entry = registered.get(db);
  if (!entry) return undefined;
  entry.freshness ??= createFreshness(entry.config, entry.opts);
  return entry.freshness;
};

/** Stops listening for `db` (before its pool ends); the handle then falls back to version checks. */
export const stopFreshness = async (db: object): Promise<void> => {
  const entry = registered.get(db);
  registered.delete(db);
  await entry?.freshness?.stop();
};

/**
 * Holds `db`'s listener for an app: started now, stopped when the last holder lets go (several
 * apps may share one database handle, as tests do).
 */
export const holdFreshness = (db: object): (() => Promise<void>) => {
  const entry = registered.get(db);
  if (!entry) return async () => {};
  entry.holders++;
  freshnessOf(db);
  let held = true;
  return async () => {
    if (!held) return;
    held = false;
    entry.holders--;
    if (entry.holders === 0 && registered.get(db) === entry) await stopFreshness(db);
  };
};
