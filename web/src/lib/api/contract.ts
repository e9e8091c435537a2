// Types read off the generated API contract (openapi.d.ts, from server/openapi.json): which paths have which method,
// and each operation's query, path parameters, JSON body and JSON answer. Type-only: nothing here reaches the bundle.
import type { paths } from './openapi';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** The paths that have this method in the contract. */
export type PathWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never;
}[keyof paths];

type Operation<M extends HttpMethod, P extends keyof paths> = paths[P][M];
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type AnswerOf<O> = O extends { responses: infer R } ? JsonOf<R[200 & keyof R]> | JsonOf<R[201 & keyof R]> : never;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type PathParamsOf<O> = O extends { parameters: { path: infer Q } } ? Q : never;
type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The JSON a successful call answers (200 or 201). */
export type ApiAnswer<M extends HttpMethod, P extends PathWith<M>> = AnswerOf<Operation<M, P>>;
/** The query parameters an operation takes. */
export type ApiQuery<M extends HttpMethod, P extends PathWith<M>> = QueryOf<Operation<M, P>>;
/** The `{name}` parameters of an operation's path. */
export type ApiPathParams<M extends HttpMethod, P extends PathWith<M>> = PathParamsOf<Operation<M, P>>;
/** The JSON body an operation takes. */
export type ApiBody<M extends HttpMethod, P extends PathWith<M>> = BodyOf<Operation<M, P>>;

/** What every 4xx/5xx answer holds: the same document on every path (`ErrorSchema` on the server). */
export type ApiErrorBody = JsonOf<paths['/api/session']['get']['responses'][401]>;
