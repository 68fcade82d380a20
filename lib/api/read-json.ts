import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = (max: number) =>
  new AppError(
    "payload_too_large",
    `request body over ${max} bytes`,
    `The request body is larger than ${max / 1024} kB.`,
  );

/**
 * Reads a JSON body of at most `max` bytes. The stream is counted as it arrives, so a missing or
 * false Content-Length cannot make us buffer more than the cap.
 */
export async function readJsonBody(request: Request, max = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      `content-type ${type.slice(0, 100) || "(none)"}`,
      "Send the request body as JSON with Content-Type: application/json.",
    );
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) throw tooLarge(max);

  const text = await readCapped(request, max);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new AppError("bad_request", "body is not JSON", "The request body is not valid JSON.", {
      cause,
    });
  }
}

async function readCapped(request: Request, max: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(value);
  }

  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}
