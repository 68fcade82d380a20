"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, FieldMessages } from "@/components/ui/field";
import { fieldId } from "@/components/ui/form-errors";
import type { KeyValue } from "@/lib/connectors/params";

type Row = KeyValue & { id: number };

type Props = {
  /** The form field, e.g. "tokenRequestData"; rows submit as `<name>.<i>.key|value`. */
  name: string;
  legend: string;
  description: string;
  /** Accessible row labels read "<rowLabel> key 1" and "<rowLabel> value 1". */
  rowLabel: string;
  addLabel: string;
  initial: KeyValue[];
  errors: Record<string, string>;
};

const cell =
  "block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600 " +
  "dark:border-slate-700 dark:bg-slate-900 dark:aria-invalid:border-red-400";

/**
 * Add/remove rows of key/value pairs. Rows keep a stable id so that an error reported for a
 * submitted row stays on that row when others are added or removed.
 */
export function KeyValueEditor({
  name,
  legend,
  description,
  rowLabel,
  addLabel,
  initial,
  errors,
}: Props) {
  const [rows, setRows] = useState<Row[]>(() => initial.map((item, id) => ({ ...item, id })));
  const [nextId, setNextId] = useState(initial.length);
  const errorFor = (row: Row, part: "key" | "value") =>
    row.id < initial.length ? errors[`${name}.${row.id}.${part}`] : undefined;

  function add() {
    setRows([...rows, { id: nextId, key: "", value: "" }]);
    setNextId(nextId + 1);
  }

  return (
    <fieldset className="space-y-3" aria-describedby={`${fieldId(name)}-hint`}>
      <legend className="text-sm font-medium">{legend}</legend>
      <p id={`${fieldId(name)}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
        {description}
      </p>
      {rows.length === 0 && <p className="text-sm italic">None.</p>}
      {rows.map((row, index) => {
        const position = index + 1;
        const base = `${name}.${index}`;

        return (
          <div key={row.id} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
            {(["key", "value"] as const).map((part) => {
              const field = `${base}.${part}`;
              const error = errorFor(row, part);

              return (
                <div key={part}>
                  <label htmlFor={fieldId(field)} className="sr-only">
                    {`${rowLabel} ${part} ${position}`}
                  </label>
                  <input
                    id={fieldId(field)}
                    name={field}
                    defaultValue={row[part]}
                    placeholder={part === "key" ? "Key" : "Value"}
                    className={cell}
                    spellCheck={false}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={describedBy(field, undefined, error)}
                  />
                  <FieldMessages name={field} error={error} />
                </div>
              );
            })}
            <Button
              variant="secondary"
              aria-label={`Remove ${rowLabel} row ${position}`}
              onClick={() => setRows(rows.filter((other) => other.id !== row.id))}
            >
              Remove
            </Button>
          </div>
        );
      })}
      <Button variant="secondary" onClick={add}>
        {addLabel}
      </Button>
    </fieldset>
  );
}
