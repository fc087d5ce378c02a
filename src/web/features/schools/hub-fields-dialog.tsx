import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { School, SchoolPatch } from "../../../shared/schemas/schools";
import { errorMessage } from "../../api/client";
import { FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import { NONE } from "./school-filters";
import { areasQuery, linkOfficersQuery, patchSchool, schoolsKeys } from "./schools-api";

const BY_RULE = "rule";

const areaChoiceOf = (school: School): string =>
  school.areaSource === "rule" ? BY_RULE : (school.areaId ?? NONE);

export const splitList = (text: string): string[] =>
  text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

/** Edit what the hub records about a school: its area (by hand or by rule), link officer and tags. */
export function HubFieldsDialog({
  school,
  onClose,
  onSaved,
}: {
  school: School;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const areas = useQuery(areasQuery);
  const officers = useQuery(linkOfficersQuery);
  const [area, setArea] = useState(areaChoiceOf(school));
  const [officer, setOfficer] = useState(school.linkOfficerId ?? NONE);
  const [tags, setTags] = useState(school.tags.join(", "));
  const [problem, setProblem] = useState<string | null>(null);
  const [tagsError, setTagsError] = useState<string | undefined>();

  const save = useMutation({
    mutationFn: (patch: SchoolPatch) => patchSchool(school.urn, patch),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.all });
      onSaved("The school's area, link officer and tags have been saved.");
    },
    onError: (error) => setProblem(errorMessage(error)),
  });

  const submit = () => {
    const patch: SchoolPatch = {};
    if (area !== areaChoiceOf(school)) {
      if (area === BY_RULE) patch.areaByRule = true;
      else patch.areaId = area === NONE ? null : area;
    }
    const officerId = officer === NONE ? null : officer;
    if (officerId !== school.linkOfficerId) patch.linkOfficerId = officerId;
    const tagList = splitList(tags);
    if (tagList.some((t) => t.length > 50)) {
      setTagsError("A tag can be at most 50 characters");
      return;
    }
    setTagsError(undefined);
    if (tagList.join("\u0000") !== school.tags.join("\u0000")) patch.tags = tagList;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    setProblem(null);
    save.mutate(patch);
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title="Edit area, link officer and tags"
      description={school.name}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="hub-fields-form" pending={save.isPending}>
            Save
          </Button>
        </>
      }
    >
      <form
        id="hub-fields-form"
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <FormAlert message={problem} />
        <Select
          label="Area"
          description="Choose an area to set it by hand, or let the hub's area rules (district and postcode) decide."
          options={[
            { value: BY_RULE, label: "Decided by the area rules" },
            { value: NONE, label: "No area" },
            ...(areas.data ?? []).map((a) => ({ value: a.id, label: a.name })),
          ]}
          value={area}
          onChange={(event) => setArea(event.target.value)}
        />
        <Select
          label="Link officer"
          options={[
            { value: NONE, label: "No link officer" },
            ...(officers.data ?? []).map((o) => ({ value: o.userId, label: o.name })),
          ]}
          value={officer}
          onChange={(event) => setOfficer(event.target.value)}
        />
        <TextField
          label="Tags"
          optional
          description="Separate tags with commas, e.g. WCET 2026, new head."
          value={tags}
          error={tagsError}
          onChange={(event) => setTags(event.target.value)}
        />
      </form>
    </Dialog>
  );
}
