/**
 * Runs work for the same key one after another within this process, in the order it was asked
 * for; work for other keys runs alongside. It does not replace the database's locks (other
 * processes have queues of their own): it keeps the requests that would only wait for a row
 * lock from each holding a pooled connection while they wait, so that a rush on one row cannot
 * take every connection of the pool (decision 030).
 */
export const oneAtATime = () => {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
};
