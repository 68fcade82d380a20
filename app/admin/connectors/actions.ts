"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { actorOf } from "@/app/admin/actor";
import { errorsFromThrown, errorsFromZod } from "@/app/admin/form-errors";
import { requireAdmin } from "@/lib/auth/session";
import { createConnector } from "@/lib/connectors/create-connector";
import { deleteConnector } from "@/lib/connectors/delete-connector";
import {
  formValuesFromSubmission,
  type ConnectorFormState,
  type DeleteConnectorState,
} from "@/lib/connectors/form-values";
import { readConnectorForm } from "@/lib/connectors/read-form";
import { connectorCreateSchema, connectorInputSchema } from "@/lib/connectors/schema";
import { updateConnector } from "@/lib/connectors/update-connector";

// Each action checks the caller itself: a page-level check does not protect its actions (S20).

const idSchema = z.string().min(1).max(100);
const versionSchema = z.coerce.number().int().min(1);

export async function createConnectorAction(
  previous: ConnectorFormState,
  formData: FormData,
): Promise<ConnectorFormState> {
  const raw = readConnectorForm(formData);
  const failed = (errors: ConnectorFormState["errors"]) => ({
    values: formValuesFromSubmission(raw),
    errors,
    attempt: previous.attempt + 1,
  });

  let id: string;
  try {
    const admin = await requireAdmin();
    const parsed = connectorCreateSchema.safeParse(raw);
    if (!parsed.success) return failed(errorsFromZod(parsed.error));
    ({ id } = await createConnector(parsed.data, actorOf(admin)));
  } catch (error) {
    return failed(errorsFromThrown(error, "admin.connector.create_failed", { conflict: "name" }));
  }

  redirect(`/admin/connectors?notice=created&id=${encodeURIComponent(id)}`);
}

export async function updateConnectorAction(
  connectorId: string,
  previous: ConnectorFormState,
  formData: FormData,
): Promise<ConnectorFormState> {
  const { expectedVersion, ...raw } = readConnectorForm(formData);
  const failed = (errors: ConnectorFormState["errors"]) => ({
    values: formValuesFromSubmission(raw),
    errors,
    attempt: previous.attempt + 1,
  });

  let notice: "updated" | "unchanged";
  try {
    const admin = await requireAdmin();
    const id = idSchema.parse(connectorId);
    const version = versionSchema.safeParse(expectedVersion);
    const parsed = connectorInputSchema.safeParse(raw);
    if (!parsed.success) return failed(errorsFromZod(parsed.error));
    if (!version.success) return failed({ summary: "Reload the page and try again.", fields: {} });
    const saved = await updateConnector(id, parsed.data, actorOf(admin), version.data);
    notice = saved.version === version.data ? "unchanged" : "updated";
  } catch (error) {
    return failed(errorsFromThrown(error, "admin.connector.update_failed"));
  }

  redirect(`/admin/connectors?notice=${notice}&id=${encodeURIComponent(connectorId)}`);
}

export async function deleteConnectorAction(
  connectorId: string,
  _previous: DeleteConnectorState,
  _formData: FormData,
): Promise<DeleteConnectorState> {
  try {
    const admin = await requireAdmin();
    await deleteConnector(idSchema.parse(connectorId), actorOf(admin));
  } catch (error) {
    return { error: errorsFromThrown(error, "admin.connector.delete_failed").summary };
  }

  redirect("/admin/connectors?notice=deleted");
}
