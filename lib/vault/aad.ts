/** Associated data names where a ciphertext lives, so it cannot be moved elsewhere (S15). */
export const aad = {
  clientSecret: (connectorId: string) => `Connector|clientSecret|${connectorId}`,
  accessToken: (userId: string, connectorId: string) =>
    `Connection|accessToken|${userId}|${connectorId}`,
  refreshToken: (userId: string, connectorId: string) =>
    `Connection|refreshToken|${userId}|${connectorId}`,
  verifier: (requestId: string) => `AuthorizationRequest|verifier|${requestId}`,
  webhookSecret: (apiClientId: string) => `ApiClient|webhookSecret|${apiClientId}`,
  pendingAccessToken: (revocationId: string) => `PendingRevocation|accessToken|${revocationId}`,
  pendingRefreshToken: (revocationId: string) => `PendingRevocation|refreshToken|${revocationId}`,
};
