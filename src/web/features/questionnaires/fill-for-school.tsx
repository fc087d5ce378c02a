import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import type { SchoolListResponse } from "../../../shared/schemas/schools";
import { api, errorMessage } from "../../api/client";
import { FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { TextField } from "../../components/ui/text-field";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { questionnaireKeys, startResponse } from "./questionnaires-api";

/** Hub staff fill in on a school's behalf: find the school, then start (or resume) its response. */
export function FillForSchool({ templateId }: { templateId: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const search = useDebouncedValue(q.trim());
  const [problem, setProblem] = useState<string | null>(null);
  const found = useQuery({
    queryKey: ["questionnaires", "school-search", search],
    queryFn: ({ signal }) => api.get<SchoolListResponse>("/api/schools", { q: search, pageSize: 8 }, signal),
    enabled: search.length >= 2,
  });
  const start = useMutation({
    mutationFn: (schoolId: string) => startResponse(templateId, schoolId),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: questionnaireKeys.all });
      navigate(`/questionnaires/responses/${r.id}`);
    },
    onError: (e) => setProblem(errorMessage(e)),
  });
  return (
    <section
      aria-labelledby="fill-for"
      className="mb-6 space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="fill-for" className="font-semibold text-slate-900">
        Fill in for a school
      </h2>
      <TextField
        label="School name or URN"
        description="A school's open draft is resumed; otherwise a new response is started."
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <FormAlert message={problem} />
      {search.length >= 2 && found.data ? (
        found.data.items.length ? (
          <ul className="space-y-1">
            {found.data.items.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-2 text-sm">
                <span>
                  {s.name} <span className="text-slate-600">({s.urn})</span>
                </span>
                <Button
                  size="sm"
                  variant="secondary"
                  pending={start.isPending && start.variables === s.id}
                  onClick={() => start.mutate(s.id)}
                >
                  Fill in<span className="sr-only"> for {s.name}</span>
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">No school matches “{search}”.</p>
        )
      ) : null}
    </section>
  );
}
