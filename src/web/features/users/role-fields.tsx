import type { Role } from "../../../shared/schemas/auth";
import { ROLE_LABELS, ROLES } from "../../../shared/schemas/auth";
import { OptionPicker } from "../../components/option-picker";

export const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** The school picker for a school user, the partner picker for a partner user, nothing otherwise. */
export function AffiliationPicker({
  role,
  schoolId,
  partnerId,
  onSchoolChange,
  onPartnerChange,
  schoolError,
  partnerError,
  schoolLabel,
  partnerLabel,
}: {
  role: Role;
  schoolId: string | null;
  partnerId: string | null;
  onSchoolChange: (id: string | null) => void;
  onPartnerChange: (id: string | null) => void;
  schoolError?: string;
  partnerError?: string;
  schoolLabel?: string | null;
  partnerLabel?: string | null;
}) {
  if (role === "school_user") {
    return (
      <OptionPicker
        endpoint="/api/options/schools"
        label="School"
        noun="schools"
        value={schoolId}
        onChange={onSchoolChange}
        error={schoolError}
        initialLabel={schoolLabel}
      />
    );
  }
  if (role === "partner_user") {
    return (
      <OptionPicker
        endpoint="/api/options/partners"
        label="Partner organisation"
        noun="partners"
        value={partnerId}
        onChange={onPartnerChange}
        error={partnerError}
        initialLabel={partnerLabel}
      />
    );
  }
  return null;
}
