import type { SchoolStatus } from "../../../shared/schemas/schools";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { statusLabel } from "./school-filters";

const TONES: Record<SchoolStatus, BadgeTone> = { open: "green", closed: "neutral", proposed: "amber" };

export function StatusBadge({ status }: { status: SchoolStatus }) {
  return <Badge tone={TONES[status] ?? "neutral"}>{statusLabel(status)}</Badge>;
}
