// PAGE's documented update, read from the spec rather than copied: the ids from the path
// parameters' examples, the request and response bodies from the `page` examples.
import { loadDereferencedSpec, pageExample } from "../../scripts/lib/spec.ts";

const page = pageExample(await loadDereferencedSpec());

export const pageCustomerId = page.customerId;
export const pageUserId = page.userId;
export const pageRequest = page.request.value as Record<string, unknown>;
export const pageUser = page.response.value as Record<string, unknown>;
