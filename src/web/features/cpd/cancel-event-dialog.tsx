import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { CpdEvent } from "../../../shared/schemas/cpd";
import { api, errorMessage, isApiError } from "../../api/client";
import { Button, Dialog, FormAlert, TextField } from "../../components/ui";
import { cpdKeys } from "./cpd-api";

type Cancelled = { event: CpdEvent; bookingsCancelled: number; placesFreed: number };

/** "Cancel event" with its confirmation: every booking is cancelled and e-mailed. */
export function CancelEvent({ event, onDone }: { event: CpdEvent; onDone: (message: string) => void }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const cancel = useMutation({
    mutationFn: () =>
      api.post<Cancelled>(`/api/cpd/events/${event.id}/cancel`, { reason: reason.trim() || null }),
    onSuccess: (done) => {
      void client.invalidateQueries({ queryKey: cpdKeys.all });
      setOpen(false);
      onDone(
        done.bookingsCancelled === 0
          ? "The event is cancelled. It had no bookings."
          : `The event is cancelled. ${done.bookingsCancelled} ${done.bookingsCancelled === 1 ? "booking was" : "bookings were"} cancelled and e-mailed; ${done.placesFreed} ${done.placesFreed === 1 ? "place" : "places"} freed.`,
      );
    },
  });
  const reasonError = isApiError(cancel.error)
    ? cancel.error.fields.find((f) => f.path === "reason")?.message
    : undefined;
  const people = event.booked + event.waitlisted;
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Cancel event
      </Button>
      {open ? (
        <Dialog
          open
          onClose={() => setOpen(false)}
          title={`Cancel ${event.title}?`}
          description={
            people === 0
              ? "Nobody has booked yet. The event leaves the catalogue and cannot be booked again."
              : `${event.booked} booked and ${event.waitlisted} waiting will be told by e-mail, with a calendar update that removes it. Nothing is charged. This cannot be undone.`
          }
          footer={
            <>
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Keep the event
              </Button>
              <Button variant="danger" pending={cancel.isPending} onClick={() => cancel.mutate()}>
                Cancel the event
              </Button>
            </>
          }
        >
          <div className="space-y-3">
            <FormAlert message={cancel.isError && !reasonError ? errorMessage(cancel.error) : null} />
            <TextField
              label="Reason (sent to everyone booked)"
              optional
              value={reason}
              error={reasonError}
              limit={1000}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
