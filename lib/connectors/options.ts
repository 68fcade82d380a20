/** Choices offered by the connector form; the values match the Prisma enums of the same name. */
export const CLIENT_AUTH = ["auto", "basic", "post"] as const;
export const REVOKE_AUTH = ["basic", "post", "none", "bearer"] as const;
export const REVOKE_WHICH = ["refresh_token", "access_token", "both"] as const;
export const REVOKE_METHOD = ["POST", "DELETE"] as const;
export const REVOKE_BODY_FORMAT = ["form", "json"] as const;

export type ClientAuthOption = (typeof CLIENT_AUTH)[number];
export type RevokeAuthOption = (typeof REVOKE_AUTH)[number];
export type RevokeWhichOption = (typeof REVOKE_WHICH)[number];
export type RevokeMethodOption = (typeof REVOKE_METHOD)[number];
export type RevokeBodyFormatOption = (typeof REVOKE_BODY_FORMAT)[number];

export const clientAuthLabels: Record<ClientAuthOption, string> = {
  auto: "Automatic (Basic header, then request body)",
  basic: "Client credentials in a Basic header",
  post: "Client credentials in the request body",
};

export const revokeAuthLabels: Record<RevokeAuthOption, string> = {
  basic: "Client credentials in a Basic header",
  post: "Client credentials in the request body",
  none: "No client authentication",
  bearer: "Access token as Bearer",
};

export const revokeMethodLabels: Record<RevokeMethodOption, string> = {
  POST: "POST",
  DELETE: "DELETE",
};

export const revokeBodyFormatLabels: Record<RevokeBodyFormatOption, string> = {
  form: "Form (application/x-www-form-urlencoded)",
  json: "JSON (application/json)",
};

export const revokeWhichLabels: Record<RevokeWhichOption, string> = {
  refresh_token: "Refresh token",
  access_token: "Access token",
  both: "Both tokens",
};

/** Scope separators seen in the wild; a stored value outside this list is still shown. */
export const scopeSeparatorLabels: Record<string, string> = {
  " ": "Space",
  ",": "Comma",
  "+": "Plus sign",
};
