import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { schools } from "../../db/schema/index";
import { signInAs, type TestHub } from "../../testing/harness";

/**
 * For the public-routes leak test: a round, a school's draft application with private answers,
 * and a Lead School in office. Adds the private answers to `markers`; returns the round's id.
 */
export const leakLeadSchools = async (
  app: FastifyInstance,
  hub: TestHub,
  markers: string[],
): Promise<string> => {
  const admin = await signInAs(app, hub.users.hub_admin.email);
  const school = await signInAs(app, hub.users.school_user.email);
  const round = await admin.post("/api/lead-school-rounds", {
    title: "Leak round",
    closesOn: "2099-01-10",
    shortlistOn: "2099-01-20",
    visitsFrom: "2099-02-01",
    announceOn: "2099-03-01",
    lookingFor: "Schools in every area",
  });
  if (round.statusCode !== 201) throw new Error(`round: ${round.body}`);
  const roundId = (round.json() as { id: string }).id;
  const started = await school.post(`/api/lead-school-rounds/${roundId}/applications`);
  const appId = (started.json() as { id: string }).id;
  await school.request({
    method: "PUT",
    url: `/api/lead-school-applications/${appId}`,
    payload: { focusAreas: ["notation"], trackRecord: "Leaky private track record" },
  });
  markers.push("Leaky private track record", appId);
  const urn = await schoolUrn(app, hub.schoolId);
  const lead = await admin.post("/api/lead-schools", {
    urn,
    focusAreas: ["singing_in_parts"],
    from: "2020-09-01",
    to: "2099-08-31",
  });
  if (lead.statusCode !== 201) throw new Error(`lead: ${lead.body}`);
  markers.push((lead.json() as { id: string }).id);
  return roundId;
};

const schoolUrn = async (app: FastifyInstance, schoolId: string): Promise<number> => {
  const [row] = await app.deps.db.select({ urn: schools.urn }).from(schools).where(eq(schools.id, schoolId));
  if (!row) throw new Error("no school");
  return row.urn;
};
