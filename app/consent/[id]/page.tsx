import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { ConsentCard } from "@/components/consent/consent-card";
import { requireUserPage } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/auth/return-path";
import { loadConsentCard } from "@/lib/consent/load-card";
import { consentCardPath } from "@/lib/consent/policy";

export const metadata: Metadata = { title: "Grant access for the assistant" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

/** The consent card pre-flight links to: only the user the request belongs to may open it. */
export default async function ConsentPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUserPage(safeReturnPath(consentCardPath(encodeURIComponent(id))));
  const card = await loadConsentCard(id, user.id);
  if (card.kind === "not_found") notFound();
  if (card.kind === "forbidden") forbidden();

  return <ConsentCard initial={card.view} />;
}
