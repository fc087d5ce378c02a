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

/** "YYYY-MM-DDTHH:mm" in London, for a datetime-local field, `days` from now at `time`. */
const localIn = (days: number, time: string): string =>
  `${new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() + days * 86_400_000))}T${time}`;

test("hub staff set an event's audience, leader and booking window, then cancel it for everyone; admins change the CPD settings; the home card", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  if (!baseURL) throw new Error("baseURL is not configured");
  const tag = Date.now().toString(36);
  const title = `Notation for class teachers ${tag}`;
  const staffContext = await contextAs(browser, "hub_staff", baseURL);
  const staff = await staffContext.newPage();

  // 1. The editor asks for audience, focus areas, leader and booking window; errors sit by their field.
  await staff.goto("/cpd/events/new");
  await expect(heading(staff, "New CPD event")).toBeVisible();
  await staff.getByLabel("Title").fill(title);
  await staff.getByLabel("Primary", { exact: true }).check();
  await staff.getByLabel("Class teachers").check();
  await staff.getByLabel("Notation", { exact: true }).check();
  await staff.getByLabel("Led by").selectOption({ label: "Lead School" });
  await staff.getByLabel("Leader's name").fill("Fictional Lane Primary");
  await staff.getByLabel("Capacity (places)").fill("12");
  await staff.getByLabel("Booking opens").fill(localIn(5, "09:00"));
  await staff.getByLabel("Booking closes").fill(localIn(2, "09:00"));
  await staff.getByLabel("Session 1 starts").fill(localIn(30, "16:00"));
  await staff.getByLabel("Session 1 ends").fill(localIn(30, "17:30"));
  await staff.getByLabel("Status").selectOption("published");
  await expectNoAxeViolations(staff, "event editor");
  await staff.getByRole("button", { name: "Save event" }).click();
  const closes = staff.getByLabel("Booking closes");
  await expect(closes).toHaveAccessibleDescription(/Booking closes after it opens/);
  await expectNoAxeViolations(staff, "event editor with an error");
  await staff.getByLabel("Booking opens").fill(localIn(-1, "09:00"));
  await closes.fill(localIn(28, "17:00"));
  await staff.getByRole("button", { name: "Save event" }).click();
  await expect(heading(staff, title)).toBeVisible();
  const id = staff.url().split("/").pop() ?? "";
  const saved = (await (await staffContext.request.get(`/api/cpd/events/${id}`)).json()) as Record<
    string,
    unknown
  >;
  expect(saved).toMatchObject({
    phases: ["primary"],
    audienceRoles: ["class_teacher"],
    focusAreas: ["notation"],
    ledBy: "lead_school",
    leaderName: "Fictional Lane Primary",
  });
  expect(saved.bookingOpensAt).not.toBeNull();
  await expect(staff.getByLabel("Class teachers")).toBeChecked();

  // 2. A school is booked; hub staff cancel the whole event, confirming first; the school is e-mailed.
  const csrf = await csrfOf(staffContext);
  const schools = (await (await staffContext.request.get("/api/schools?pageSize=1")).json()) as {
    items: { urn: number }[];
  };
  const attendee = `casey.${tag}@school.example`;
  const booked = await staffContext.request.post(`/api/cpd/events/${id}/bookings`, {
    headers: { "x-csrf-token": csrf },
    data: { urn: schools.items[0]?.urn, attendees: [{ name: "Casey Fictional", email: attendee }] },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  await staff.reload();
  await staff.getByRole("button", { name: "Cancel event" }).click();
  const dialog = staff.getByRole("dialog", { name: `Cancel ${title}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Reason (sent to everyone booked)").fill("The leader is unwell.");
  await expectNoAxeViolations(staff, "cancel event confirmation");
  await dialog.getByRole("button", { name: "Cancel the event" }).click();
  await expect(
    staff.getByText("The event is cancelled. 1 booking was cancelled and e-mailed; 1 place freed."),
  ).toBeVisible();
  await expect(staff.getByText("Cancelled", { exact: true })).toBeVisible();
  await expect(staff.getByRole("button", { name: "Save event" })).toHaveCount(0);
  await expectNoAxeViolations(staff, "cancelled event");
  if (process.env.TUTTI_E2E_MAIL_DIR)
    await expect
      .poll(() => delivered(attendee).some((m) => m.includes(`Event cancelled: ${title}`)), {
        timeout: 30_000,
      })
      .toBe(true);

  // 3. A hub admin changes the supply-cover contribution (a bad figure is refused by its field).
  const adminContext = await contextAs(browser, "hub_admin", baseURL);
  const admin = await adminContext.newPage();
  await admin.goto("/cpd/events");
  await admin.getByRole("link", { name: "Settings" }).click();
  await expect(heading(admin, "CPD settings")).toBeVisible();
  const percent = admin.getByLabel("Hub's contribution to a Lead School's supply cover (%)");
  const before = await percent.inputValue();
  await percent.fill("150");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(percent).toHaveAccessibleDescription(/The contribution is 0 to 100 percent/);
  await expectNoAxeViolations(admin, "CPD settings with an error");
  await percent.fill("40");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByText("The CPD settings are saved.")).toBeVisible();
  expect(
    ((await (await adminContext.request.get("/api/cpd/settings")).json()) as Record<string, number>)
      .supplyContributionPercent,
  ).toBe(40);
  await percent.fill(before);
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByText("The CPD settings are saved.")).toBeVisible();

  // 4. The home card: the figure of claims to decide is the claims list's count, and links to it.
  await admin.goto("/");
  const card = admin.getByRole("region", { name: "CPD in the next eight weeks" });
  await expect(card).toBeVisible();
  const waiting = (
    (await (await adminContext.request.get("/api/cpd/claims?status=submitted")).json()) as {
      items: unknown[];
    }
  ).items.length;
  await expect(card.getByRole("link", { name: `Supply-cover claims to decide: ${waiting}` })).toHaveAttribute(
    "href",
    "/cpd/claims",
  );
  await expect(card.getByText(title)).toHaveCount(0);
  await expectNoAxeViolations(admin, "home with the CPD card");
});

test("each attendee answers through their own e-mailed feedback link, without signing in", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  if (!baseURL) throw new Error("baseURL is not configured");
  const tag = Date.now().toString(36);
  const title = `Composition twilight ${tag}`;
  const attendee = `drew.${tag}@school.example`;
  const staffContext = await contextAs(browser, "hub_staff", baseURL);
  const csrf = await csrfOf(staffContext);
  // An event starting in a little under a minute, with one person booked before it starts.
  const startsAt = new Date(Date.now() + 50_000);
  const created = await staffContext.request.post("/api/cpd/events", {
    headers: { "x-csrf-token": csrf },
    data: {
      title,
      kind: "twilight",
      capacity: 5,
      pricePence: 0,
      status: "published",
      sessions: [
        {
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 60 * 60_000).toISOString(),
          venue: "Northshire Music Centre",
        },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  const schools = (await (await staffContext.request.get("/api/schools?pageSize=1")).json()) as {
    items: { urn: number }[];
  };
  const booked = await staffContext.request.post(`/api/cpd/events/${id}/bookings`, {
    headers: { "x-csrf-token": csrf },
    data: { urn: schools.items[0]?.urn, attendees: [{ name: "Drew Fictional", email: attendee }] },
  });
  expect(booked.status(), await booked.text()).toBe(201);

  // Someone with no account opens a link that is not theirs (or was mistyped).
  const visitor = await (await browser.newContext({ baseURL })).newPage();
  await visitor.goto(`/cpd/feedback/${"x".repeat(43)}`);
  await expect(visitor.getByText("This feedback link is not valid.")).toBeVisible();
  await expectNoAxeViolations(visitor, "feedback link that is not valid");

  // Once it has started, hub staff send the links from the event page.
  const staff = await staffContext.newPage();
  const wait = startsAt.getTime() - Date.now() + 2000;
  if (wait > 0) await staff.waitForTimeout(wait);
  await staff.goto(`/cpd/events/${id}`);
  await staff.getByRole("button", { name: "Send feedback links" }).click();
  await expect(staff.getByText("Feedback links sent: each person on 1 booking has their own.")).toBeVisible();
  if (!process.env.TUTTI_E2E_MAIL_DIR) return;
  const linkOf = () =>
    delivered(attendee)
      .map((m) => /\/cpd\/feedback\/([A-Za-z0-9_-]{20,})/.exec(m.replace(/=\r?\n/g, ""))?.[1])
      .find((t) => t !== undefined);
  await expect.poll(linkOf, { timeout: 30_000 }).toBeTruthy();

  // Drew answers through their own link: no sign-in.
  await visitor.goto(`/cpd/feedback/${linkOf() ?? ""}`);
  await expect(heading(visitor, `Feedback on ${title}`)).toBeVisible();
  await expect(visitor.getByText(/for Drew Fictional/)).toBeVisible();
  await expectNoAxeViolations(visitor, "own feedback link");
  await visitor.getByLabel("How useful was it (1 to 5)").selectOption("4");
  await visitor.getByLabel("Confidence before (1 to 5)").selectOption("3");
  await visitor.getByLabel("Confidence after (1 to 5)").selectOption("5");
  await visitor.getByLabel("Comments").fill("Ideas for Year 5 composition");
  await visitor.getByRole("button", { name: "Send feedback" }).click();
  await expect(visitor.getByText("Thank you: your feedback is saved.")).toBeVisible();
  await expectNoAxeViolations(visitor, "feedback link answered");
  const summary = (await (await staffContext.request.get(`/api/cpd/events/${id}/feedback`)).json()) as {
    responses: number;
    comments: string[];
  };
  expect(summary).toMatchObject({ responses: 1, comments: ["Ideas for Year 5 composition"] });
});
