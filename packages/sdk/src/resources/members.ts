import type { RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type {
  FieldName,
  Member,
  MemberCreateParams,
  MemberGetParams,
  MemberListParams,
  MemberUpdateParams,
  Selected,
} from '../types.js';

/** People of a workspace (annotator, reviewer, manager); each acts through keys made for them. */
export class Members extends APIResource {
  /** Adds a member; `workspaceId` defaults to the credential's workspace. Admins only. */
  create(body: MemberCreateParams, options?: RequestOptions): Promise<Member> {
    return this.client.request('POST', '/v1/members', { ...options, body });
  }

  /** Members of a workspace (`roles: 'annotator,reviewer'`, `email`, `includeRemoved: true`). */
  list<F extends FieldName<Member> = keyof Member>(
    params: MemberListParams<F> = {},
    options?: RequestOptions,
  ): PagePromise<Selected<Member, F>> {
    return this.client.getPage('/v1/members', params, options);
  }

  get<F extends FieldName<Member> = keyof Member>(
    id: string,
    params: MemberGetParams<F> = {},
    options?: RequestOptions,
  ): Promise<Selected<Member, F>> {
    return this.client.request('GET', `/v1/members/${pathId(id)}`, { ...options, query: params });
  }

  /** Changes a member's name, email or role (its keys follow the new role at once). */
  update(id: string, body: MemberUpdateParams, options?: RequestOptions): Promise<Member> {
    return this.client.request('PATCH', `/v1/members/${pathId(id)}`, { ...options, body });
  }

  /**
   * Removes a member: its keys are revoked, the tasks it claimed or was assigned go back to the
   * queue; the member stays (with `removedAt`) for history.
   */
  async remove(id: string, options?: RequestOptions): Promise<void> {
    await this.client.request('DELETE', `/v1/members/${pathId(id)}`, options);
  }
}
