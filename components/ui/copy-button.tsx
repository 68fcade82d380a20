"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `value` to the clipboard and says so in a live region. */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [status, setStatus] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("Copied");
    } catch {
      setStatus("Copy failed: select the text and copy it yourself");
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" onClick={copy} className="shrink-0 whitespace-nowrap">
        {label}
      </Button>
      <span role="status" className="text-sm text-slate-600 dark:text-slate-400">
        {status}
      </span>
    </span>
  );
}
