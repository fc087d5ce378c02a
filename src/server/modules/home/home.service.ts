import type { HomeResponse } from "../../../shared/schemas/home";
import type { ServiceContext } from "../../platform/context";
import { cardsFor } from "./home-cards";

/** The actor's home: the cards of their role, loaded side by side, those with nothing left out. */
export const homeFor = async (ctx: ServiceContext): Promise<HomeResponse> => {
  const cards = await Promise.all(cardsFor(ctx.actor.role).map((c) => c.load(ctx)));
  return { cards: cards.filter((c) => c !== null) };
};
