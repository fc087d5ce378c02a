/**
 * `TUTTI_TRACE_START=1 npm start` writes each start-up step with the milliseconds since the
 * process began on stderr (where the time of a fresh start goes: decision 014). Silent otherwise.
 */
const on = Boolean(process.env.TUTTI_TRACE_START);

export const traceStart = (step: string): void => {
  if (on) process.stderr.write(`[start ${Math.round(performance.now())} ms] ${step}\n`);
};
