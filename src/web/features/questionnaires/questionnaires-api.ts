import { queryOptions } from "@tanstack/react-query";
import type { MeResponse } from "../../../shared/schemas/auth";
import { CSRF_HEADER } from "../../../shared/schemas/auth";
import type {
  Answers,
  AvailableQuestionnaire,
  DuplicateRequest,
  PublishResult,
  QuestionnaireResponse,
  ResponseSummary,
  Template,
  TemplateInput,
  TemplatePatch,
  TemplateSummary,
} from "../../../shared/schemas/questionnaires";
import { ApiError, api } from "../../api/client";
import { queryClient } from "../../api/query-client";
import { meQueryKey } from "../../api/session";

export const TEMPLATES = "/api/questionnaires/templates";
export const RESPONSES = "/api/questionnaires/responses";

export const questionnaireKeys = {
  all: ["questionnaires"] as const,
  templates: ["questionnaires", "templates"] as const,
  template: (id: string) => ["questionnaires", "templates", id] as const,
  available: ["questionnaires", "available"] as const,
  responses: (templateId?: string) => ["questionnaires", "responses", templateId ?? "all"] as const,
  response: (id: string) => ["questionnaires", "response", id] as const,
};

export const templatesQuery = queryOptions({
  queryKey: questionnaireKeys.templates,
  queryFn: () => api.get<TemplateSummary[]>(TEMPLATES),
});
export const templateQuery = (id: string) =>
  queryOptions({
    queryKey: questionnaireKeys.template(id),
    queryFn: () => api.get<Template>(`${TEMPLATES}/${id}`),
  });
export const availableQuery = queryOptions({
  queryKey: questionnaireKeys.available,
  queryFn: () => api.get<AvailableQuestionnaire[]>("/api/questionnaires/available"),
});
export const responsesQuery = (templateId?: string) =>
  queryOptions({
    queryKey: questionnaireKeys.responses(templateId),
    queryFn: () => api.get<ResponseSummary[]>(RESPONSES, templateId ? { templateId } : undefined),
  });
export const responseQuery = (id: string) =>
  queryOptions({
    queryKey: questionnaireKeys.response(id),
    queryFn: () => api.get<QuestionnaireResponse>(`${RESPONSES}/${id}`),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const createTemplate = (input: TemplateInput) => api.post<Template>(TEMPLATES, input);
export const saveTemplate = (id: string, patch: TemplatePatch) =>
  api.patch<Template>(`${TEMPLATES}/${id}`, patch);
export const publishTemplate = (id: string) => api.post<PublishResult>(`${TEMPLATES}/${id}/publish`);
export const duplicateTemplate = (id: string, req: DuplicateRequest) =>
  api.post<Template>(`${TEMPLATES}/${id}/duplicate`, req);
export const importTemplate = (text: string) => api.post<Template>(`${TEMPLATES}/import`, { text });
export const startResponse = (templateId: string, schoolId?: string) =>
  api.post<QuestionnaireResponse>(RESPONSES, { templateId, ...(schoolId ? { schoolId } : {}) });
export const saveAnswers = (id: string, answers: Answers) =>
  api.patch<QuestionnaireResponse>(`${RESPONSES}/${id}`, { answers });
export const submitResponse = (id: string) => api.post<QuestionnaireResponse>(`${RESPONSES}/${id}/submit`);

/** Uploads a file as the answer to a file question (multipart, with the session's CSRF token). */
export const uploadAnswerFile = async (
  id: string,
  questionId: string,
  file: File,
): Promise<QuestionnaireResponse> => {
  const me = queryClient.getQueryData<MeResponse | null>(meQueryKey);
  const body = new FormData();
  body.append("file", file);
  const res = await fetch(`${RESPONSES}/${id}/files?questionId=${encodeURIComponent(questionId)}`, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { accept: "application/json", ...(me?.csrfToken ? { [CSRF_HEADER]: me.csrfToken } : {}) },
  });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? "error",
      error?.message ?? `The upload failed (${res.status})`,
    );
  }
  return json as QuestionnaireResponse;
};
