import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { ApiError } from "../../api/client";
import { Button } from "../../components/ui/button";
import { PageHeader } from "../../components/ui/page-header";
import { useDocumentTitle } from "../../lib/use-document-title";

const explain = (error: unknown): { title: string; message: string; reload: boolean } => {
  const status = isRouteErrorResponse(error) ? error.status : error instanceof ApiError ? error.status : null;
  if (status === 404)
    return { title: "Page not found", message: "There is no page at this address.", reload: false };
  if (status === 403)
    return { title: "No access", message: "You don't have access to this page in this hub.", reload: false };
  if (
    error instanceof TypeError &&
    /dynamically imported module|Importing a module script/i.test(error.message)
  )
    return {
      title: "Tutti has been updated",
      message: "Reload the page to get the latest version.",
      reload: true,
    };
  return {
    title: "Something went wrong",
    message:
      error instanceof ApiError ? error.message : "The page could not be shown. Try again in a moment.",
    reload: true,
  };
};

/** The error page for any route: not found, no access, or a failure. */
export function RouteError() {
  const error = useRouteError();
  const { title, message, reload } = explain(error);
  useDocumentTitle(title);
  return (
    <div className="mx-auto max-w-2xl px-4 py-10">
      <PageHeader title={title} description={message} />
      <div className="flex gap-2">
        <Link to="/" className="rounded font-medium text-blue-800 underline hover:text-blue-950">
          Go to Home
        </Link>
        {reload ? (
          <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
            Reload
          </Button>
        ) : null}
      </div>
    </div>
  );
}

export function NotFoundPage() {
  useDocumentTitle("Page not found");
  return (
    <div>
      <PageHeader title="Page not found" description="There is no page at this address." />
      <Link to="/" className="font-medium text-blue-800 underline hover:text-blue-950">
        Go to Home
      </Link>
    </div>
  );
}

export function FullPageLoading() {
  return (
    <div className="px-4">
      <p role="status" className="py-8 text-sm text-slate-700">
        Loading Tutti…
      </p>
    </div>
  );
}
