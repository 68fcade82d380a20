import type { ReactNode } from "react";
import { fieldId } from "@/components/ui/form-errors";

const inputClass =
  "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm " +
  "read-only:bg-slate-100 aria-invalid:border-red-600 dark:border-slate-700 dark:bg-slate-900 " +
  "dark:read-only:bg-slate-800 dark:aria-invalid:border-red-400";

type Common = {
  name: string;
  label: string;
  error?: string;
  description?: ReactNode;
  /** For inputs that are shown but not submitted, such as fixed values. */
  submit?: boolean;
};

/** Ids of the description and error, for aria-describedby; both are read after the label. */
export function describedBy(name: string, description: unknown, error: unknown) {
  const ids = [description ? `${fieldId(name)}-hint` : "", error ? `${fieldId(name)}-error` : ""];

  return ids.filter(Boolean).join(" ") || undefined;
}

export function FieldMessages({ name, description, error }: Omit<Common, "label">) {
  return (
    <>
      {description && (
        <p id={`${fieldId(name)}-hint`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {description}
        </p>
      )}
      {error && (
        <p id={`${fieldId(name)}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </>
  );
}

type TextFieldProps = Common & {
  defaultValue?: string;
  /** Controlled value, for a field the page must keep across a failed submit. */
  value?: string;
  onChange?: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  type?: "text" | "url" | "password";
  multiline?: boolean;
  readOnly?: boolean;
  required?: boolean;
  autoComplete?: string;
  placeholder?: string;
  spellCheck?: boolean;
};

export function TextField({
  name,
  label,
  error,
  description,
  submit = true,
  ...rest
}: TextFieldProps) {
  const id = fieldId(name);
  const { multiline, type = "text", ...inputProps } = rest;
  const shared = {
    id,
    name: submit ? name : undefined,
    className: inputClass,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(name, description, error),
    ...inputProps,
  };

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {multiline ? <textarea rows={3} {...shared} /> : <input type={type} {...shared} />}
      <FieldMessages name={name} description={description} error={error} />
    </div>
  );
}

type SelectFieldProps = Common & {
  defaultValue?: string;
  options: { value: string; label: string }[];
};

export function SelectField({
  name,
  label,
  error,
  description,
  options,
  defaultValue,
}: SelectFieldProps) {
  const id = fieldId(name);

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, description, error)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldMessages name={name} description={description} error={error} />
    </div>
  );
}

type CheckboxFieldProps = Common & { defaultChecked?: boolean };

export function CheckboxField({
  name,
  label,
  error,
  description,
  defaultChecked,
}: CheckboxFieldProps) {
  const id = fieldId(name);

  return (
    <div>
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          name={name}
          defaultChecked={defaultChecked}
          className="size-4"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(name, description, error)}
        />
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
      </div>
      <FieldMessages name={name} description={description} error={error} />
    </div>
  );
}
