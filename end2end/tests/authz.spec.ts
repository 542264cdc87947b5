// The authorization matrix: every server function and page the server has, called as a guest, as
// another BUMDes's seller, and as staff where owners alone may act. The list comes from the server, so
// an endpoint added without a case here fails the first test.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { type Actors, type Fixture, call, endpoints, location, pages, serverRoutes, twoBumdes } from "./endpoints";

// Registers two sellers and a staff member (argon2id in a debug build).
test.describe.configure({ mode: "serial", timeout: 120_000 });

test("every endpoint the server has is in the matrix, and the matrix names none it lacks", () => {
  const server = serverRoutes();
  expect([...server.functions].sort()).toEqual(Object.keys(endpoints).sort());
  expect([...server.pages].sort()).toEqual(Object.keys(pages).sort());
});

let fixture: Fixture;
let who: Actors;

test.beforeAll(async () => {
  ({ fixture, who } = await twoBumdes(["11.01.04.2001", "11.01.04.2002"], "0812700000", 41));
});

test("the rightful seller reaches their BUMDes's things, and another seller's lists hold none of them", async () => {
  const ok = async (as: APIRequestContext, name: string, args: Record<string, string>) => {
    const answer = await call(as, name, args);
    expect(answer.status(), name).toBe(200);
    return JSON.stringify(await answer.json());
  };
  expect(await ok(who.owner, "POST /api/listing_form", { id: `${fixture.listing}` })).toContain("Kopi Uji");
  expect(await ok(who.staff, "POST /api/listing_form", { id: `${fixture.listing}` })).toContain("Kopi Uji");
  expect(await ok(who.owner, "POST /api/seller_order", { number: fixture.order })).toContain(fixture.order);
  expect(await ok(who.staff, "POST /api/seller_order", { number: fixture.order })).toContain(fixture.order);
  expect(await ok(who.owner, "POST /api/staff_data", {})).toContain("Staf Uji");
  expect(await ok(who.owner, "POST /api/terms_form", {})).toContain("0123456789");
  expect(await ok(who.other, "POST /api/seller_orders", { status: "new" })).not.toContain(fixture.order);
  expect(await ok(who.other, "POST /api/my_listings", {})).not.toContain("Kopi Uji");
  expect(await ok(who.other, "POST /api/staff_data", {})).not.toContain("Staf Uji");
  expect(await ok(who.other, "POST /api/terms_form", {})).not.toContain("0123456789");
});

/** A refusal: not an answer with the data, and not an error of ours. */
const refused = (status: number) => status >= 400 && status < 500;

for (const [name, endpoint] of Object.entries(endpoints)) {
  test(`${name}: ${endpoint.access}`, async () => {
    const args = endpoint.args(fixture);
    const status = async (as: APIRequestContext) => (await call(as, name, args)).status();
    switch (endpoint.access) {
      case "anyone":
        expect(await status(who.guest)).toBeLessThan(500);
        break;
      case "seller":
        expect(await status(who.guest)).toBe(401);
        // An official is not a seller.
        expect(await status(who.official)).toBe(401);
        break;
      case "owner":
        expect(await status(who.guest)).toBe(401);
        expect(await status(who.staff)).toBe(403);
        break;
      case "listing":
      case "order":
        expect(await status(who.guest)).toBe(401);
        expect([403, 404]).toContain(await status(who.other));
        break;
      case "invite":
      case "member":
        expect(await status(who.guest)).toBe(401);
        expect(await status(who.staff)).toBe(403);
        expect([403, 404]).toContain(await status(who.other));
        break;
      case "order-link": {
        // Another browser with the link but not the buyer's phone sees only the phone question.
        const answer = await call(who.stranger, name, args);
        expect(refused(answer.status()) || JSON.stringify(await answer.json()) === '"Locked"', name).toBe(true);
        break;
      }
      case "official":
        expect(await status(who.guest)).toBe(401);
        expect(await status(who.owner)).toBe(403);
        expect(await status(who.official)).toBeLessThan(400);
        break;
      case "official-region": {
        expect(await status(who.guest)).toBe(401);
        expect(await status(who.owner)).toBe(403);
        // The regency's official, on a region outside it, beside it and above it, then inside it.
        // The region is the `region` argument, or the `code` of a coverage page.
        const key = "code" in args ? "code" : "region";
        for (const region of [fixture.regions.outside, fixture.regions.sibling, fixture.regions.parent]) {
          expect((await call(who.official, name, { ...args, [key]: region })).status(), region).toBe(403);
        }
        const inside = await call(who.official, name, args);
        expect(inside.status(), await inside.text()).toBeLessThan(400);
        break;
      }
      case "official-bumdes":
      case "official-colleague": {
        expect(await status(who.guest)).toBe(401);
        expect(await status(who.owner)).toBe(403);
        // The official of the regency beside the BUMDes's (or the colleague's), then its own regency's.
        expect(await status(who.neighbour)).toBe(403);
        const inside = await call(who.official, name, args);
        expect(inside.status(), await inside.text()).toBeLessThan(400);
        break;
      }
    }
  });
}

// The matrix above may have decided about the pending BUMDes already: the list holds it in any state.
test("an official's list holds only their region's BUMDes", async () => {
  const found = async (as: APIRequestContext) => {
    const answer = await call(as, "POST /api/bumdes_directory", { status: "", q: `BUMDes Uji 41` });
    expect(answer.status()).toBe(200);
    return (await answer.json()).found.map((b: { id: number }) => b.id);
  };
  expect(await found(who.official)).toContain(fixture.pending);
  expect(await found(who.neighbour)).not.toContain(fixture.pending);
});

for (const [pattern, page] of Object.entries(pages)) {
  test(`page ${pattern}: ${page.access}`, async () => {
    const path = page.path(fixture);
    // As a browser asks for a page: only then is a redirect a 302.
    const get = (as: APIRequestContext) => as.get(path, { maxRedirects: 0, headers: { Accept: "text/html" } });
    switch (page.access) {
      case "anyone":
        expect((await get(who.guest)).status(), path).toBeLessThan(500);
        break;
      case "seller": {
        const answer = await get(who.guest);
        expect(answer.status(), path).toBeGreaterThanOrEqual(300);
        expect(answer.status(), path).toBeLessThan(400);
        expect(location(answer)).toMatch(/\/masuk$/);
        expect(location(await get(who.official))).toMatch(/^(?!.*petugas).*\/masuk$/);
        break;
      }
      case "owner":
        expect(location(await get(who.guest))).toMatch(/\/masuk$/);
        expect((await get(who.staff)).status(), path).toBe(403);
        break;
      case "listing":
      case "order":
        expect(location(await get(who.guest))).toMatch(/\/masuk$/);
        expect([403, 404]).toContain((await get(who.other)).status());
        break;
      case "order-link": {
        const answer = await get(who.stranger);
        expect(answer.status()).toBe(200);
        const html = await answer.text();
        expect(html).toContain('data-testid="order-locked"');
        expect(html).not.toContain("Jl. Merdeka 1");
        break;
      }
      case "official":
      case "official-region": {
        expect(location(await get(who.guest))).toMatch(/\/petugas\/masuk$/);
        expect((await get(who.owner)).status(), path).toBe(403);
        expect((await get(who.official)).status(), path).toBe(200);
        if (page.access === "official") break;
        for (const region of [fixture.regions.outside, fixture.regions.sibling, fixture.regions.parent]) {
          const elsewhere = path.replace(/wilayah=[^&]*/, `wilayah=${region}`).replace(/\/wilayah\/[^/?]+/, `/wilayah/${region}`);
          const answer = await who.official.get(elsewhere, { maxRedirects: 0, headers: { Accept: "text/html" } });
          expect(answer.status(), elsewhere).toBe(403);
        }
        break;
      }
      case "official-bumdes":
        expect(location(await get(who.guest))).toMatch(/\/petugas\/masuk$/);
        expect((await get(who.owner)).status(), path).toBe(403);
        expect((await get(who.neighbour)).status(), path).toBe(403);
        expect((await get(who.official)).status(), path).toBe(200);
        break;
    }
  });
}
