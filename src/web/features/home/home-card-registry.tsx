import type { ComponentType } from "react";
import type { HomeCard, HomeCardKind } from "../../../shared/schemas/home";
import { AuditsWaitingCard } from "../engagement/audits-card";
import { CpdCard } from "./cpd-card";
import { OverdueNextStepsCard, VisitsThisWeekCard } from "./engagement-cards";
import { GiasChangesCard, HubFiguresCard, MySchoolsCard, RecentActivityCard } from "./hub-cards";
import { OurSchoolCard, PartnerCard } from "./people-cards";

/**
 * The web side of the home card registry (decision 020): one component per card kind. The type
 * makes a new kind in `HomeCard` fail to compile until its component is listed here; the home
 * page renders whatever cards the server sends, in its order.
 */
type Registry = { [K in HomeCardKind]: ComponentType<{ card: Extract<HomeCard, { kind: K }> }> };

export const HOME_CARD_COMPONENTS: Registry = {
  "hub-figures": HubFiguresCard,
  "gias-changes": GiasChangesCard,
  "my-schools": MySchoolsCard,
  "recent-activity": RecentActivityCard,
  "our-school": OurSchoolCard,
  partner: PartnerCard,
  "audits-waiting": AuditsWaitingCard,
  "visits-this-week": VisitsThisWeekCard,
  "overdue-next-steps": OverdueNextStepsCard,
  cpd: CpdCard,
};

export function HomeCardView({ card }: { card: HomeCard }) {
  const Component = HOME_CARD_COMPONENTS[card.kind] as ComponentType<{ card: HomeCard }>;
  return <Component card={card} />;
}
