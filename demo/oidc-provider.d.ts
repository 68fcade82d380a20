// oidc-provider ships no types and @types/oidc-provider lags behind 9.x; this declares the small
// part of its API the demo servers use.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type Configuration = Record<string, unknown>;

  export type AdapterPayload = Record<string, unknown> & {
    grantId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
  };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface AccessTokenEntity {
    accountId: string;
    clientId: string;
    grantId: string;
    scope?: string;
    isExpired: boolean;
  }

  export interface GrantEntity {
    accountId?: string;
    clientId?: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId: string };
    grantId?: string;
  }

  export interface ClientEntity {
    clientId: string;
    clientName?: string;
  }

  export interface KoaContext {
    host: string;
    type: string;
    body: unknown;
    status: number;
    oidc: {
      client?: ClientEntity;
      provider: Provider;
      session: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
      requestParamScopes: Set<string>;
      requestParamOIDCScopes: Set<string>;
      route: string;
    };
  }

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
    AccessToken: { find(value: string): Promise<AccessTokenEntity | undefined> };
    Grant: {
      new (init: { accountId: string; clientId: string }): GrantEntity;
      find(id: string): Promise<GrantEntity | undefined>;
    };
    Client: { find(id: string): Promise<ClientEntity | undefined> };
  }

  export default Provider;
}
