import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";
import { cx } from "./cx";

export type AlertTone = "error" | "success" | "info" | "warning";

const tones: Record<AlertTone, { box: string; Icon: typeof Info }> = {
  error: { box: "border-red-700 bg-red-50 text-red-900", Icon: CircleAlert },
  success: { box: "border-green-700 bg-green-50 text-green-900", Icon: CircleCheck },
  info: { box: "border-blue-700 bg-blue-50 text-blue-950", Icon: Info },
  warning: { box: "border-amber-700 bg-amber-50 text-amber-950", Icon: TriangleAlert },
};

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}

/** A message box. Errors are announced at once (role="alert"), others politely (role="status"). */
export function Alert({ tone = "info", title, children, className }: AlertProps) {
  const { box, Icon } = tones[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cx("flex gap-3 rounded-md border-l-4 p-3 text-sm", box, className)}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div>{children}</div> : null}
      </div>
    </div>
  );
}

/** An always-present live region for a form's top-level error, so the message is announced when it appears. */
export function FormAlert({ message }: { message: string | null | undefined }) {
  return (
    <div role="alert" aria-live="assertive">
      {message ? (
        <div className="flex gap-3 rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-sm text-red-900">
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <p>{message}</p>
        </div>
      ) : null}
    </div>
  );
}
