import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { Role } from "../../../shared/schemas/auth";
import type { Member } from "../../../shared/schemas/users";
import { FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { Select } from "../../components/ui/select";
import { applyServerErrors } from "../../lib/server-errors";
import { AffiliationPicker, roleOptions } from "./role-fields";
import { patchMember } from "./users-api";

const RoleForm = z
  .object({ role: Role, schoolId: z.uuid().nullable(), partnerId: z.uuid().nullable() })
  .superRefine((v, ctx) => {
    if (v.role === "school_user" && !v.schoolId)
      ctx.addIssue({ code: "custom", path: ["schoolId"], message: "Choose the school this user belongs to" });
    if (v.role === "partner_user" && !v.partnerId)
      ctx.addIssue({
        code: "custom",
        path: ["partnerId"],
        message: "Choose the partner organisation this user belongs to",
      });
  });
type RoleForm = z.infer<typeof RoleForm>;

/** Change a member's role (and their school or partner when the role needs one). */
export function EditMemberDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<RoleForm>({
    resolver: zodResolver(RoleForm),
    defaultValues: { role: member.role, schoolId: member.schoolId, partnerId: member.partnerId },
  });
  const role = watch("role");

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await patchMember(member.userId, {
        role: values.role,
        schoolId: values.role === "school_user" ? values.schoolId : null,
        partnerId: values.role === "partner_user" ? values.partnerId : null,
      });
      await queryClient.invalidateQueries({ queryKey: ["users"] });
      onClose();
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["role", "schoolId", "partnerId"]));
    }
  });

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Change role: ${member.name}`}
      description={member.email}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="edit-member-form" pending={isSubmitting}>
            Save role
          </Button>
        </>
      }
    >
      <form id="edit-member-form" noValidate onSubmit={onSubmit} className="space-y-4">
        <FormAlert message={formError} />
        <Select label="Role" options={roleOptions} error={errors.role?.message} {...register("role")} />
        <Controller
          control={control}
          name="schoolId"
          render={({ field: school }) => (
            <Controller
              control={control}
              name="partnerId"
              render={({ field: partner }) => (
                <AffiliationPicker
                  role={role}
                  schoolId={school.value}
                  partnerId={partner.value}
                  onSchoolChange={school.onChange}
                  onPartnerChange={partner.onChange}
                  schoolError={errors.schoolId?.message}
                  partnerError={errors.partnerId?.message}
                  schoolLabel={member.schoolName}
                  partnerLabel={member.partnerName}
                />
              )}
            />
          )}
        />
      </form>
    </Dialog>
  );
}
