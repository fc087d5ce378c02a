import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { contextAs } from "./fixtures";

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });

const csrfOf = async (context: BrowserContext) =>
  ((await (await context.request.get("/api/me")).json()) as { csrfToken: string }).csrfToken;

/** Messages the real SMTP peer (started by playwright.config.ts) received for an address. */
const delivered = (to: string): string[] => {
  const dir = process.env.TUTTI_E2E_MAIL_DIR;
  if (!dir) return [];
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .filter((m) => m.split("\r\n", 1)[0]?.includes(to));
};

test("a school books from the public catalogue, a second school waits, is promoted and e-mailed; register and feedback", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(420_000);
  if (!baseURL) throw new Error("baseURL is not configured");
  const tag = Date.now().toString(36);
  const title = `Twilight on singing in parts ${tag}`;
  const staffContext = await contextAs(browser, "hub_staff", baseURL);
  const staffCsrf = await csrfOf(staffContext);

  // Hub staff publish an event with one place, starting in a little over a minute (so that the
  // journey can end with feedback once it has started).
  const startsAt = new Date(Date.now() + 150_000);
  const created = await staffContext.request.post("/api/cpd/events", {
    headers: { "x-csrf-token": staffCsrf },
    data: {
      title,
      kind: "twilight",
      capacity: 1,
      pricePence: 2500,
      status: "published",
      focusAreas: ["singing_in_parts"],
      sessions: [
        {
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
          venue: "Northshire Music Centre",
        },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const event = (await created.json()) as { id: string; ref: string };
  const schools = (await (await staffContext.request.get("/api/schools?pageSize=5")).json()) as {
    items: { id: string; urn: number }[];
  };

  // 1. The school user finds it in the public catalogue and books a place.
  const school = await (await contextAs(browser, "school_user", baseURL)).newPage();
  await school.goto("/cpd/catalogue/northshire");
  await expect(heading(school, /CPD for school staff/)).toBeVisible();
  await expectNoAxeViolations(school, "CPD catalogue");
  await school.getByLabel("Focus area").selectOption({ label: "Singing in parts" });
  await school.getByRole("link", { name: title }).click();
  await expect(heading(school, title)).toBeVisible();
  await expect(school.getByRole("link", { name: "Add to your calendar (.ics)" })).toBeVisible();
  await expectNoAxeViolations(school, "CPD event page");
  await school.getByRole("link", { name: "Book a place" }).click();
  await expect(heading(school, `Book: ${title}`)).toBeVisible();
  await school.getByLabel("Name of person 1").fill("Avery Fictional");
  await school.getByLabel("E-mail of person 1").fill(`avery.${tag}@school.example`);
  await expect(school.getByText("1 × £25.00. Total £25.00.")).toBeVisible();
  await expectNoAxeViolations(school, "booking form");
  await school.getByRole("button", { name: "Confirm booking" }).click();
  await expect(heading(school, "Booking confirmed")).toBeVisible();

  // 2. A second school (booked by hub staff on its behalf) finds it full and joins the waiting list.
  const staff = await staffContext.newPage();
  const schoolContext = await contextAs(browser, "school_user", baseURL);
  const own = (
    (await (await schoolContext.request.get("/api/me")).json()) as { currentHub: { schoolId: string } }
  ).currentHub.schoolId;
  const second = schools.items.find((s) => s.id !== own);
  const waiting = `blake.${tag}@school.example`;
  await staff.goto(`/cpd/book/${event.ref}`);
  await staff.getByLabel("School URN").fill(String(second?.urn ?? ""));
  await staff.getByLabel("Name of person 1").fill("Blake Fictional");
  await staff.getByLabel("E-mail of person 1").fill(waiting);
  await staff.getByRole("button", { name: "Confirm booking" }).click();
  await expect(staff.getByText("This event is full. You can join the waiting list.")).toBeVisible();
  await staff.getByRole("button", { name: "Join the waiting list" }).click();
  await expect(heading(staff, "On the waiting list")).toBeVisible();
  await expectNoAxeViolations(staff, "waiting list confirmation");

  // 3. The first school cancels; the place goes to the waiting list and Blake is e-mailed.
  await school.goto("/cpd/bookings");
  await expect(heading(school, "CPD bookings")).toBeVisible();
  await expectNoAxeViolations(school, "my school's bookings");
  school.once("dialog", (d) => void d.accept());
  await school.getByRole("button", { name: `Cancel booking for ${title}` }).click();
  await expect(school.getByText("Cancelled late (charged)").first()).toBeVisible();
  if (process.env.TUTTI_E2E_MAIL_DIR)
    await expect
      .poll(() => delivered(waiting).some((m) => m.includes(`A place is now yours: ${title}`)), {
        timeout: 30_000,
      })
      .toBe(true);

  // 4. At the door: hub staff mark Blake on the register, on a phone-sized screen.
  await staff.setViewportSize({ width: 390, height: 844 });
  await staff.goto(`/cpd/events/${event.id}/register`);
  await expect(heading(staff, `Register: ${title}`)).toBeVisible();
  await staff
    .getByRole("group", { name: "Mark Blake Fictional" })
    .getByRole("button", { name: "Here" })
    .click();
  // Avery's late cancellation is on the register as one (and still charged).
  await expect(staff.getByText("1 of 2 here")).toBeVisible();
  await expect(
    staff.getByRole("group", { name: "Mark Avery Fictional" }).getByRole("button", { name: "Late cancel" }),
  ).toHaveAttribute("aria-pressed", "true");
  await expectNoAxeViolations(staff, "register");

  // 5. Once the event has started, feedback is given for Blake.
  await staff.setViewportSize({ width: 1280, height: 800 });
  const wait = startsAt.getTime() - Date.now() + 2000;
  if (wait > 0) await staff.waitForTimeout(wait);
  await staff.goto(`/cpd/bookings?event=${event.id}`);
  await staff.getByRole("button", { name: `Give feedback on ${title}` }).click();
  await staff.getByLabel("How useful was it (1 to 5)").selectOption("5");
  await staff.getByLabel("Confidence before (1 to 5)").selectOption("2");
  await staff.getByLabel("Confidence after (1 to 5)").selectOption("4");
  await staff.getByLabel("Comments").fill("Warm-ups we can use on Monday");
  await expectNoAxeViolations(staff, "feedback form");
  await staff.getByRole("button", { name: "Send feedback" }).click();
  await expect(staff.getByText("Thank you: the feedback is saved.")).toBeVisible();
  await staff.goto(`/cpd/events/${event.id}`);
  await expect(staff.getByText(/1 responses from 1 who attended/)).toBeVisible();
  await expectNoAxeViolations(staff, "event page with bookings");
});
