import { useMutation } from "@tanstack/react-query";
import { ChevronDown, LogOut, UserRound } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { ROLE_LABELS } from "../../../shared/roles";
import type { MeResponse } from "../../../shared/schemas/auth";
import { ApiError, api, errorMessage } from "../../api/client";
import { cx, focusRing } from "../../components/ui/cx";

const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? "")
    .join("");

/** A disclosure button showing who is signed in, with Sign out. Escape or a click outside closes it. */
export function UserMenu({ me }: { me: MeResponse }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const signOut = useMutation({
    mutationFn: () => api.post<void>("/api/auth/sign-out"),
    onSettled: (_data, error) => {
      // A full load drops every cached answer of this session.
      if (!error || (error instanceof ApiError && error.status === 401)) window.location.assign("/sign-in");
    },
  });

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const role = me.currentHub ? ROLE_LABELS[me.currentHub.role] : null;
  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className={cx("flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100", focusRing)}
      >
        <span
          aria-hidden="true"
          className="flex size-8 items-center justify-center rounded-full bg-blue-800 text-xs font-semibold text-white"
        >
          {initials(me.user.name) || "?"}
        </span>
        <span className="hidden max-w-[10rem] truncate font-medium text-slate-900 sm:inline">
          {me.user.name}
        </span>
        <span className="sr-only sm:hidden">Account: {me.user.name}</span>
        <ChevronDown aria-hidden="true" className="size-4 text-slate-700" />
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-30 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
      >
        <p className="font-medium text-slate-900">{me.user.name}</p>
        <p className="truncate text-sm text-slate-700">{me.user.email}</p>
        {role && me.currentHub ? (
          <p className="mt-1 text-sm text-slate-700">
            {role}, {me.currentHub.hubName}
          </p>
        ) : null}
        <hr className="my-3 border-slate-200" />
        <Link
          to="/account"
          onClick={() => setOpen(false)}
          className={cx(
            "mb-1 flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100",
            focusRing,
          )}
        >
          <UserRound aria-hidden="true" className="size-4" />
          Your account
        </Link>
        <button
          type="button"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
          className={cx(
            "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm font-medium text-slate-900 hover:bg-slate-100",
            focusRing,
          )}
        >
          <LogOut aria-hidden="true" className="size-4" />
          Sign out
        </button>
        {signOut.isError ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {errorMessage(signOut.error)}
          </p>
        ) : null}
      </div>
    </div>
  );
}
