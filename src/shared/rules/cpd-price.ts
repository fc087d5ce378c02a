/**
 * What a CPD booking costs (issue 12). A Lead School's first place at each hub event is free;
 * every other place is at the event's price. `freePlacesHeld` is how many free places the school
 * already holds at this event (booked or waiting): one means the free place is used. The booking
 * form runs the same rule (through the quote endpoint) before the school confirms.
 */
export type PriceInput = {
  pricePence: number;
  places: number;
  leadSchool: boolean;
  freePlacesHeld: number;
};

export type PricedPlace = { pricePence: number; free: boolean };

export type PriceQuote = {
  places: PricedPlace[];
  totalPence: number;
  freePlaces: number;
  /** The rule in words, shown on the form: "The first place is free (Lead School); 2 × £45.00". */
  explanation: string;
};

/** Lead Schools get this many free places at each hub event. */
export const LEAD_SCHOOL_FREE_PLACES = 1;

export const formatPence = (pence: number): string =>
  `£${(pence / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;

export const priceBooking = (input: PriceInput): PriceQuote => {
  const price = Math.max(0, Math.round(input.pricePence));
  const count = Math.max(0, Math.floor(input.places));
  const freeLeft = input.leadSchool ? Math.max(0, LEAD_SCHOOL_FREE_PLACES - input.freePlacesHeld) : 0;
  const places: PricedPlace[] = [];
  for (let i = 0; i < count; i++) {
    // A free event stays free; a Lead School's free place is only "free" when it saves money.
    const free = price > 0 && i < freeLeft;
    places.push({ pricePence: free ? 0 : price, free });
  }
  const freePlaces = places.filter((p) => p.free).length;
  const paid = count - freePlaces;
  const totalPence = paid * price;
  const parts: string[] = [];
  if (price === 0) parts.push("This event is free");
  else {
    if (freePlaces > 0) parts.push("The first place is free for a Lead School");
    else if (input.leadSchool && input.freePlacesHeld >= LEAD_SCHOOL_FREE_PLACES)
      parts.push("Your school's free place at this event is already used");
    if (paid > 0) parts.push(`${paid} × ${formatPence(price)}`);
  }
  return {
    places,
    totalPence,
    freePlaces,
    explanation: `${parts.join("; ")}. Total ${formatPence(totalPence)}.`,
  };
};

/**
 * Whether a cancellation now is late (still charged): on or after the cut-off, `cutoffDays`
 * whole days before the event starts.
 */
export const isLateCancellation = (now: Date, eventStartsAt: Date, cutoffDays: number): boolean =>
  now.getTime() >= eventStartsAt.getTime() - cutoffDays * 86_400_000;
