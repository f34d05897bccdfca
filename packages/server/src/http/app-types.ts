import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Access, Principal } from '../auth/principal.js';
import type { MemberRole } from '../store/tables.js';

/** The Fastify instance every route module registers on: TypeBox schemas type the handlers. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by authentication on every route whose access is not `public`. */
    principal?: Principal;
  }
  interface FastifyReply {
    /**
     * For streams and long-polls: a signal that aborts (its reason the 401) when the caller's
     * credential is revoked, its workspace deleted or it expires, in any process. Watching stops
     * when the response closes.
     */
    untilRevoked(): AbortSignal;
  }
  interface FastifyContextConfig {
    /** Who may call the route; see auth/principal.ts. Every /v1 route must declare it. */
    access?: Access;
    /** The member roles a `write` route takes from a member's key (none listed: managers only). */
    memberRoles?: readonly MemberRole[];
    /**
     * Who may call a seed-compatibility route (compat/): checked after the family's own
     * authentication. Those routes leave `access` unset, since their credentials are not Bearer tokens.
     */
    compatAccess?: Access;
  }
}
