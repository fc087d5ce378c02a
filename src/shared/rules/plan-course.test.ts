import { describe, expect, it } from "vitest";
import { course } from "./plan-course";

const base = { goal: 0.6, deadline: "2026-07-31", today: "2026-03-01" };

describe("course", () => {
  it("is on course when the line through the snapshots reaches the goal by the deadline", () => {
    const c = course({
      ...base,
      snapshots: [
        { on: "2025-09-01", value: 0.1 },
        { on: "2025-12-01", value: 0.25 },
        { on: "2026-03-01", value: 0.4 },
      ],
    });
    expect(c.state).toBe("on_course");
    expect(c.status).toBe("on_track");
    expect(c.projected).toBeGreaterThan(0.6);
  });

  it("is off course when the line falls well short", () => {
    const c = course({
      ...base,
      snapshots: [
        { on: "2025-09-01", value: 0.1 },
        { on: "2026-03-01", value: 0.15 },
      ],
    });
    expect(c).toMatchObject({ state: "off_course", status: "off_track" });
    expect(c.projected).toBeLessThan(0.2);
  });

  it("is at risk when it falls just short", () => {
    // 0.0 on 1 Sep rising to 0.3 on 1 Mar: about 0.5 by 31 Jul, a sixth of the way short.
    const c = course({
      ...base,
      goal: 0.6,
      snapshots: [
        { on: "2025-09-01", value: 0 },
        { on: "2026-03-01", value: 0.3 },
      ],
    });
    expect(c.state).toBe("at_risk");
  });

  it("is met as soon as the value reaches the goal, even after the deadline", () => {
    expect(
      course({ ...base, today: "2026-09-01", snapshots: [{ on: "2026-09-01", value: 0.61 }] }).state,
    ).toBe("met");
    expect(course({ ...base, snapshots: [], current: 0.6 }).status).toBe("done");
  });

  it("is missed after the deadline when not met", () => {
    expect(
      course({ ...base, today: "2026-08-01", snapshots: [{ on: "2026-07-31", value: 0.5 }] }).state,
    ).toBe("missed");
  });

  it("cannot tell from fewer than two days of snapshots", () => {
    expect(course({ ...base, snapshots: [{ on: "2026-03-01", value: 0.2 }] })).toEqual({
      state: "unknown",
      projected: null,
      status: "not_started",
    });
    expect(
      course({
        ...base,
        snapshots: [
          { on: "2026-03-01", value: 0.2 },
          { on: "2026-03-01", value: 0.2 },
        ],
      }).state,
    ).toBe("unknown");
  });

  it("understands a goal to go down", () => {
    const c = course({
      goal: 10,
      direction: "down",
      deadline: "2026-07-31",
      today: "2026-03-01",
      snapshots: [
        { on: "2025-09-01", value: 100 },
        { on: "2026-03-01", value: 40 },
      ],
    });
    expect(c.state).toBe("on_course");
  });
});
