"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "@/components/ui/button";

/** A submit button that is disabled while its form's action runs, so a save cannot go twice. */
export function SubmitButton({
  children,
  pendingText,
  ...rest
}: ButtonProps & { pendingText?: string }) {
  const { pending } = useFormStatus();

  return (
    <Button type="submit" disabled={pending} aria-disabled={pending} {...rest}>
      {children}
      {pending && pendingText && <span className="sr-only"> {pendingText}</span>}
    </Button>
  );
}
