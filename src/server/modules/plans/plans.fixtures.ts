import type { FastifyInstance } from "fastify";
import { signInAs, type TestHub } from "../../testing/harness";

/**
 * For the public-routes leak test: a published plan whose objective is shown with its targets,
 * and private details (lead, monitor, budget, next-year target, an unpublished objective, an
 * update) that must never appear on a public page. Adds them and the plan's ids to `markers`.
 */
export const leakPlan = async (app: FastifyInstance, hub: TestHub, markers: string[]): Promise<void> => {
  const admin = await signInAs(app, hub.users.hub_admin.email);
  const ok = <R extends { statusCode: number; body: string }>(res: R, what: string): R => {
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const plan = ok(
    await admin.post("/api/plans", { title: "Leak plan", startsOn: "2025-09-01", endsOn: "2027-08-31" }),
    "plan",
  ).json() as { id: string };
  const P = `/api/plans/${plan.id}`;
  const shown = ok(
    await admin.post(`${P}/objectives`, { number: 1, title: "Shown objective" }),
    "objective",
  ).json() as { id: string };
  const hidden = ok(
    await admin.post(`${P}/objectives`, { number: 2, title: "Objective kept private xq7" }),
    "hidden",
  ).json() as { id: string };
  const action = ok(
    await admin.post(`${P}/objectives/${shown.id}/actions`, {
      text: "Action text",
      lead: "Lead kept private xq7",
    }),
    "action",
  ).json() as { id: string };
  const target = ok(
    await admin.post(`${P}/actions/${action.id}/targets`, {
      text: "Shown target",
      monitor: "Monitor kept private xq7",
      budget: "£999 kept private",
      nextYearTarget: "Next year kept private xq7",
      ownerId: hub.users.hub_staff.id,
    }),
    "target",
  ).json() as { target: { id: string } };
  ok(
    await admin.post(`${P}/updates`, { targetId: target.target.id, text: "Update kept private xq7" }),
    "update",
  );
  ok(
    await admin.request({
      method: "PUT",
      url: `${P}/publication`,
      payload: {
        published: true,
        summary: "Our public summary",
        objectiveIds: [shown.id],
        showTargets: true,
      },
    }),
    "publication",
  );
  markers.push(
    plan.id,
    shown.id,
    hidden.id,
    action.id,
    target.target.id,
    "Objective kept private xq7",
    "Lead kept private xq7",
    "Monitor kept private xq7",
    "£999 kept private",
    "Next year kept private xq7",
    "Update kept private xq7",
  );
};
