export interface paths {
    "/v1/customers/{customer-tenant-id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
            };
            cookie?: never;
        };
        /**
         * List a customer's users, a page at a time
         * @description The customer's active users, a page at a time; with the `filter` of the `deleted` example,
         *     the soft-deleted ones instead (DELETED: deleted users are not in the unfiltered list, and
         *     stay `inactive` for 30 days before they are purged).
         *
         *     Paging (PAGING; `x-paging` states it as data, and the client's pager reads it from there):
         *     a page may carry `continuationToken` and `links.next`, whose `headers` hold
         *     `MS-ContinuationToken`. The next page is `GET` on `links.next.uri` — with `/v1` put in front
         *     when it lacks it (it may or may not have it; PowerShell bug #379 doubled it) — with the
         *     link's headers; or, without a link, `GET …/users?seekOperation=Next` with the header
         *     `MS-ContinuationToken: <continuationToken>`. No `links.next` and an absent or empty
         *     `continuationToken` mean the last page. `totalCount` counts the items of this page, not
         *     the collection (every documented example has `totalCount` equal to the number of items).
         *     A transient failure on a later page has been reported (PowerShell #384): retry it like any
         *     call, never end the listing early.
         *
         *     A next link is followed only as far as this operation allows: relative to the API (or
         *     absolute on its own origin), to this same operation for the same customer, taking from the
         *     link only the query parameters in `x-paging.nextLinkQuery` and the headers in
         *     `x-paging.nextLinkHeaders` (the rest of the query — the `filter` — stays the first
         *     request's). A next page needs a continuation token: the link's header, or else the page's
         *     `continuationToken`. A page asked for twice (the same token, or the same request) is a
         *     loop, not more users.
         *
         *     GDAP roles: `x-gdap-roles` (LIST).
         */
        get: operations["listCustomerUsers"];
        put?: never;
        /**
         * Create a user in a customer's tenant
         * @description Creates a user account in the customer's tenant and returns it, with its new `id` (CREATE).
         *     The user's domain must not be federated (CREATE's GDAP prerequisite).
         *
         *     **Departs from CREATE:** it says "Request body: None." although its example sends one, lists
         *     a `user-id` it calls optional (not in this path) and calls the customer id a query
         *     parameter; its example has no `Content-Type`, and its body is not JSON (the keys of
         *     `passwordProfile` are not quoted): the spec holds that body as JSON. Its `Content-Length:
         *     31942` is copied from other pages. CREATE answers `200 OK` (not `201`); that is what is
         *     documented, so that is what this says. Which fields are required is not documented: the
         *     three PowerShell's `New-PartnerCustomerUser` makes mandatory (display name, sign-in name,
         *     password) are required here. PowerShell fills a missing `usageLocation` with the partner's
         *     own country; this spec does not, and a user without one cannot be given licences.
         *
         *     Errors for a sign-in name already taken, an unknown usage location or a weak password are
         *     not documented.
         *
         *     Idempotency: as for every write, one `MS-RequestId` per logical call, reused by every
         *     attempt of it (see the header's description).
         */
        post: operations["createCustomerUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customer-tenant-id}/users/{user-id}/resetpassword": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Reset a user's password (unverified route)
         * @description Sets a new password for the user, on a route of its own (RESET as rendered on Learn today;
         *     a maintained Node client uses it). **Unverified** (`x-unverified`): the 2021 page, the .NET
         *     SDK and PowerShell reset a password with the plain PATCH of the user
         *     (`updateCustomerUser` with `passwordProfile`), which is the verified way.
         *
         *     **Departs from RESET:** its request-syntax table has `PATCH …/users` with no user id, while
         *     its example PATCHes `…/users/<user-id>` and its URI table requires the id; its body is not
         *     JSON (unquoted keys); its answer echoes the new password and `forceChangePassword: false`
         *     although `true` was sent. Not supported on 21Vianet, nor, a peer says, in US Government.
         */
        patch: operations["resetCustomerUserPassword"];
        trace?: never;
    };
    "/v1/customers/{customer-tenant-id}/users/{user-id}/licenses": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * List the licences assigned to a user
         * @description The user's licences, with their service plans (LICENCES). Without `licenseGroupIds`, those
         *     of the default group, `Group1` (LICENCES BY GROUP). Not paged.
         *
         *     **Departs from LICENCES:** its response starts with a byte-order mark, and its
         *     `Content-Length` is not the body's; neither is copied.
         */
        get: operations["listCustomerUserLicenses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customer-tenant-id}/users/{user-id}/licenseupdates": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign licences to a user, or remove them
         * @description Assigns and removes licences in one request (ASSIGN): `licensesToAssign` (by SKU id, some
         *     service plans optionally excluded) and `licensesToRemove` (SKU ids). A request holds the
         *     licences of one licence group only; one mixing groups fails (ASSIGN, 2021 page). Out of
         *     licences: `400` with code `60012`.
         *
         *     **Departs from ASSIGN:** its request example is the .NET SDK's, with PascalCase names
         *     (`LicensesToAssign`, `SkuId`, …) and explicit `null`s, while its answer and every other
         *     page use camelCase: this spec holds camelCase (the request example's renames are listed
         *     in `x-renamed`), and takes no `licenseWarnings`, which only the server writes. Its
         *     resource table spells the field `licensestoAssign`.
         */
        post: operations["updateCustomerUserLicenses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customer-tenant-id}/users/{user-id}/directoryroles": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * List the directory roles a user holds
         * @description The directory roles the user is a member of (ROLES). Not paged.
         *
         *     **Departs from ROLES:** its URI table marks the user id "Required N" though it is a path
         *     segment; its `Content-Length: 31942` and `Date: June 24 2016 22:00:25 PST` (not an HTTP
         *     date) are not copied.
         */
        get: operations["listCustomerUserRoles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customer-tenant-id}/subscribedskus": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
            };
            cookie?: never;
        };
        /**
         * List the customer's licences (subscribed SKUs) and their counts
         * @description Each product the customer has licences of, with how many there are, how many are assigned
         *     and how many are free (SKUS): `availableUnits` is `totalUnits - consumedUnits`, and
         *     `totalUnits` is `activeUnits + warningUnits`. Without `licenseGroupIds`, the default
         *     group, `Group1` (SKUS BY GROUP). Not paged.
         *
         *     **Departs from SKUS and SKUS BY GROUP:** a space (SKUS) or a byte-order mark (SKUS BY GROUP)
         *     before the body, and SKUS BY GROUP's `"totalCount": 04` (a leading zero is not JSON; the
         *     value, 4, is held). The GDAP roles of the by-group form are not documented; those of
         *     the plain form are assumed (inference).
         */
        get: operations["listCustomerSubscribedSkus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customer-tenant-id}/directoryroles": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
            };
            cookie?: never;
        };
        /**
         * List the customer's directory roles
         * @description The directory roles of the customer's tenant (ROLES; its second request form, which has no
         *     example: the user form's answer stands for it). Whether only activated roles are listed,
         *     as Graph's `/directoryRoles` does, is not documented. Not paged.
         */
        get: operations["listCustomerDirectoryRoles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customer-tenant-id}/directoryroles/{role-id}/usermembers": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The directory role's id, a GUID, as `listCustomerDirectoryRoles` gives it (ROLES; the ids in the examples are Entra role template ids).
                 * @example f023fd81-a637-4b56-95fd-791ac0226033
                 */
                "role-id": components["parameters"]["RoleId"];
            };
            cookie?: never;
        };
        /**
         * List the users who hold a directory role, a page at a time
         * @description The role's members, a page at a time (ROLES' third request form; no example). Paged as
         *     the users list is (`x-paging`; NET's route takes `size` and `seekOperation` and returns a
         *     seek-based collection).
         */
        get: operations["listDirectoryRoleMembers"];
        put?: never;
        /**
         * Give a user a directory role
         * @description Adds the user to the role's members (ADD ROLE); answers `201 Created` with the member (the
         *     user create answers `200`: the API is not consistent). PowerShell reads the user first to
         *     fill in the display name and sign-in name, which ADD ROLE marks required.
         *
         *     **Departs from ADD ROLE:** its request example has PascalCase names (`Id`, `DisplayName`,
         *     …; the renames are listed in `x-renamed`) while its answer has camelCase; this spec holds
         *     camelCase. Whether a role not yet activated in the tenant can be given is not documented.
         */
        post: operations["addDirectoryRoleMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customer-tenant-id}/directoryroles/{role-id}/usermembers/{user-id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The directory role's id, a GUID, as `listCustomerDirectoryRoles` gives it (ROLES; the ids in the examples are Entra role template ids).
                 * @example f023fd81-a637-4b56-95fd-791ac0226033
                 */
                "role-id": components["parameters"]["RoleId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Take a directory role from a user
         * @description Removes the user from the role's members (REMOVE ROLE): `204 No Content`, no body.
         *
         *     **Departs from REMOVE ROLE:** its example URL has a stray `%20` after the customer id and
         *     uses the customer id as the user id; its answer's `MS-CorrelationId` is not the request's.
         *     GDAP: Learn says Privileged Role Administrator; a peer's notes say User Administrator.
         */
        delete: operations["removeDirectoryRoleMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customer-tenant-id}/users/{user-id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * Get a customer's user
         * @description One user of the customer, active or soft-deleted (GET). GDAP roles: `x-gdap-roles`.
         */
        get: operations["getCustomerUser"];
        put?: never;
        post?: never;
        /**
         * Delete a customer's user
         * @description Deletes the user (DELETE): `204 No Content`, no body. The user is soft-deleted: `inactive`
         *     for 30 days, listed only with the `deleted` filter, restorable with `{"state": "active"}`;
         *     then purged for good.
         *
         *     **Departs from DELETE:** it says "thirty 30 days", and that a *restored* account "is no
         *     longer returned as a member of the user collection" — it means a deleted one (a restored
         *     user is active and listed).
         */
        delete: operations["deleteCustomerUser"];
        options?: never;
        head?: never;
        /**
         * Update a customer's user
         * @description Updates the given fields of an existing user account in a customer's tenant and returns
         *     the whole updated user. Send only the fields to change.
         *
         *     The same route restores a soft-deleted user (`{"state": "active"}`, within 30 days of
         *     deletion; DOCS `restore-a-user-for-a-customer.md`) and resets a password
         *     (`passwordProfile`; DOCS `reset-user-password-for-a-customer.md`).
         *
         *     **Departs from PAGE:** PAGE's request-syntax table shows
         *     `/v1/customers/{customer-tenant-id}/users` without `/{user-id}`; its own parameter table and
         *     request example, NET (`customers/{0}/users/{1}`), REF and the restore page all include the
         *     user id, so this path does. `/v1` is part of the path, not of the server URL.
         *
         *     Idempotency: one `MS-RequestId` per logical call, reused by every attempt of it and by any
         *     resend of a call whose outcome is unknown; a resend after an answer is a new call with a new
         *     id (see the header's description).
         *
         *     GDAP roles: `x-gdap-roles`, by what the patch does — an update, a restore
         *     (`restore-a-user-for-a-customer.md`) or a password reset (`passwordProfile`;
         *     `reset-user-password-for-a-customer.md`).
         */
        patch: operations["updateCustomerUser"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Format: uuid
         * @description A GUID in its 36-character hyphenated form. `format` alone is advisory, so a `pattern` enforces it.
         */
        Guid: string;
        /**
         * @description Where the user uses services: an ISO 3166-1 alpha-2 country code in capitals, e.g. `US`. Partner Center documents no format; AAD/Graph require this one. The pattern checks the shape; the server checks that the code exists.
         * @example US
         */
        UsageLocation: string;
        /**
         * @description `alias@domain`, the domain verified in the customer's tenant: at most 113 characters, 64 before the `@` and 48 after; the alias of letters, digits and `' . - _ ! # ^ ~`. Source: AAD.
         * @example ada.lovelace@contoso.onmicrosoft.com
         */
        UserPrincipalName: string;
        /** @description A first or last name, at most 64 characters (AAD `givenName`/`surname`). */
        PersonName: string;
        /** @description At most 256 characters and cannot be cleared (AAD `displayName`). */
        DisplayName: string;
        /** @description Resets the user's password. Write-only: never returned by GET or PATCH (DOCS `utility-resources.md`). Not supported on 21Vianet. Graph calls the flag `forceChangePasswordNextSignIn`; Partner Center calls it `forceChangePassword`. */
        PasswordProfile: {
            /** @description The new password: 8 to 256 characters with at least three of lower case, upper case, digits and other characters (AAD password policy). */
            password: string;
            /** @description Whether the user must change the password at next sign-in (DOCS). */
            forceChangePassword?: boolean;
        };
        /** @description The `passwordProfile` a password reset's answer echoes, new password included (DOCS `reset-user-password-for-a-customer.md`). Its name is a write-only field of the request (`PasswordProfile`), so the client drops it from every answer before anything sees it; not marked `writeOnly` here only because the documented answer carries it. */
        PasswordProfileEcho: {
            password?: string;
            forceChangePassword?: boolean;
        };
        /** @description Resource attributes. PAGE's example and every documented PATCH body send `{"objectType": "CustomerUser"}`; REF says it is not required, so it is optional here. */
        PatchAttributes: {
            /** @enum {string} */
            objectType?: "CustomerUser";
            etag?: string;
        };
        /**
         * @description The fields of a CustomerUser that PATCH can change; every one optional, at least one of them
         *     present (`attributes` alone changes nothing). Unknown properties are refused, so a typo such
         *     as `usageLocaton` does not pass silently, and so are the read-only ones (`id`,
         *     `userDomainType`, `links`, `lastDirectorySyncTime`, `softDeletionTime`). Explicit `null` is
         *     refused: no source documents what it does. `immutableId` and `phoneNumber` are returned
         *     but no source documents them as writable, so they are refused too.
         */
        CustomerUserPatch: {
            usageLocation?: components["schemas"]["UsageLocation"];
            displayName?: components["schemas"]["DisplayName"];
            firstName?: components["schemas"]["PersonName"];
            lastName?: components["schemas"]["PersonName"];
            userPrincipalName?: components["schemas"]["UserPrincipalName"];
            passwordProfile?: components["schemas"]["PasswordProfile"];
            /**
             * @description Only `active`, to restore a soft-deleted user within 30 days of deletion (DOCS `restore-a-user-for-a-customer.md`).
             * @enum {string}
             */
            state?: "active";
            attributes?: components["schemas"]["PatchAttributes"];
        };
        /** @description A user account in a customer's tenant, as the server returns it (camelCase; DOCS `user-resources.md`, NET `Users/*.cs`). Closed: a property not documented here is a contract violation worth hearing about. `passwordProfile` is write-only: the reset-password page's 200 echoes it, and the client drops it before anything sees it. */
        CustomerUser: {
            readonly id: components["schemas"]["Guid"];
            userPrincipalName: components["schemas"]["UserPrincipalName"];
            firstName?: components["schemas"]["PersonName"];
            lastName?: components["schemas"]["PersonName"];
            displayName?: components["schemas"]["DisplayName"];
            usageLocation?: components["schemas"]["UsageLocation"];
            /** @description Listed by DOCS and REF; NET lacks it. */
            readonly immutableId?: string;
            /** @description Listed by DOCS and REF; NET lacks it. */
            readonly phoneNumber?: string;
            /**
             * @description Source NET `UserDomainType.cs`.
             * @enum {string}
             */
            readonly userDomainType?: "none" | "managed" | "federated";
            /**
             * @description `inactive` means soft-deleted (DOCS).
             * @enum {string}
             */
            state?: "active" | "inactive";
            /**
             * Format: date-time
             * @description Null when the user was never synced.
             */
            readonly lastDirectorySyncTime?: string | null;
            /**
             * Format: date-time
             * @description Set for deleted users, e.g. `2017-01-20T00:33:34Z` (DOCS).
             */
            readonly softDeletionTime?: string | null;
            passwordProfile?: components["schemas"]["PasswordProfileEcho"];
            links?: components["schemas"]["UserLinks"];
            attributes: components["schemas"]["ResourceAttributes"];
        };
        /** @description One page of users (LIST, DELETED; paging fields from PAGING). `totalCount` is the number of items on this page. A page after which there is more carries `continuationToken` and `links.next`. */
        CustomerUserCollection: {
            totalCount: number;
            items: components["schemas"]["CustomerUser"][];
            continuationToken?: string;
            links?: components["schemas"]["CollectionLinks"];
            attributes: {
                /** @enum {string} */
                objectType: "Collection";
            };
        };
        /** @description `self` is this page; `next`, when present, the next one: its `uri` is relative to the API, with or without `/v1`, and its `headers` carry `MS-ContinuationToken` (PAGING). `previous`, the page before, is in NET's `SeekBasedResourceCollection` links; the pager never follows it. */
        CollectionLinks: {
            self?: components["schemas"]["Link"];
            next?: components["schemas"]["Link"];
            previous?: components["schemas"]["Link"];
        };
        UserLinks: {
            self?: components["schemas"]["Link"];
        };
        /** @description A related resource. `uri` is relative to the API and has no `/v1` (DOCS `utility-resources.md`). */
        Link: {
            uri: string;
            method: string;
            headers?: {
                key?: string;
                value?: string;
            }[];
            body?: string;
        };
        ResourceAttributes: {
            /** @enum {string} */
            objectType: "CustomerUser";
            etag?: string;
        };
        /** @description The Partner Center error body of every 4xx and 5xx except 429 (DOCS `error-codes.md`). `code` is documented as a string but is a number in every real example, so both are accepted. `description` can contain HTML entities (`We&#39;re`). */
        Fault: {
            code: number | string;
            description: string;
            data?: string[];
            source: string;
        };
        /** @description The 429 body, which is not a Fault (DOCS `api-throttling-guidance.md`). */
        Throttled: {
            /** @enum {integer} */
            statusCode: 429;
            message: string;
        };
        /** @description A new user (CREATE). Required: `displayName`, `userPrincipalName` and `passwordProfile` (PowerShell's mandatory set; CREATE states none). Give `usageLocation` too: without it the user cannot be given licences. Unknown and read-only properties are refused. */
        CustomerUserCreate: {
            userPrincipalName: components["schemas"]["UserPrincipalName"];
            displayName: components["schemas"]["DisplayName"];
            firstName?: components["schemas"]["PersonName"];
            lastName?: components["schemas"]["PersonName"];
            usageLocation?: components["schemas"]["UsageLocation"];
            /** @description The on-premises identity of a synced user (CREATE's example sends one). At most 256 characters (AAD `onPremisesImmutableId`). */
            immutableId?: string;
            passwordProfile: components["schemas"]["PasswordProfile"];
            attributes?: components["schemas"]["PatchAttributes"];
        };
        /** @description A new password, and whether it must be changed at next sign-in (RESET). */
        PasswordReset: {
            passwordProfile: components["schemas"]["PasswordProfile"];
            attributes?: components["schemas"]["PatchAttributes"];
        };
        CollectionAttributes: {
            /** @enum {string} */
            objectType: "Collection";
        };
        /**
         * @description The licence group as answers spell it (LICENCES BY GROUP; queries say `Group1`).
         * @enum {string}
         */
        LicenseGroupId: "group1" | "group2";
        /** @description A product (LICENCE RESOURCES). `name` is the product's name (the resource table calls it "The user principal identifier."); `skuPartNumber` its part number, e.g. `ENTERPRISEPACK`. */
        ProductSku: {
            id: components["schemas"]["Guid"];
            name?: string;
            skuPartNumber?: string;
            /** @description `User` or `Tenant`. */
            targetType?: string;
            licenseGroupId?: components["schemas"]["LicenseGroupId"];
        };
        /** @description A service plan of a product (LICENCE RESOURCES); `targetType` is sometimes absent (SKUS BY GROUP). */
        ServicePlan: {
            id: components["schemas"]["Guid"];
            displayName?: string;
            serviceName?: string;
            capabilityStatus?: string;
            targetType?: string;
        };
        /** @description A licence assigned to a user (LICENCE RESOURCES; its table spells `productSKU`, its examples `productSku`). */
        License: {
            servicePlans?: components["schemas"]["ServicePlan"][];
            productSku: components["schemas"]["ProductSku"];
            attributes: {
                /** @enum {string} */
                objectType: "License";
            };
        };
        /** @description A user's licences (LICENCES); not paged. */
        LicenseCollection: {
            totalCount: number;
            items: components["schemas"]["License"][];
            attributes: components["schemas"]["CollectionAttributes"];
        };
        /** @description A licence to assign, by its product SKU id, some of its service plans optionally left out (LICENCE RESOURCES). */
        LicenseAssignment: {
            skuId: components["schemas"]["Guid"];
            excludedPlans?: components["schemas"]["Guid"][] | null;
        };
        LicenseUpdateAttributes: {
            /** @enum {string} */
            objectType: "LicenseUpdate";
        };
        /** @description Licences to assign and licences (product SKU ids) to remove, of one licence group (ASSIGN, LICENCE RESOURCES). `null` for either list is what the .NET SDK sends for "none". */
        LicenseUpdate: {
            licensesToAssign?: components["schemas"]["LicenseAssignment"][] | null;
            licensesToRemove?: components["schemas"]["Guid"][] | null;
            attributes?: components["schemas"]["LicenseUpdateAttributes"];
        };
        /** @description A warning about an assignment (LICENCE RESOURCES). */
        LicenseWarning: {
            code?: string;
            message?: string;
            servicePlans?: string[];
        };
        /** @description The update as the server took it, with its warnings (ASSIGN; its answer has no `licensesToRemove` when none were). */
        LicenseUpdateResult: {
            licensesToAssign?: components["schemas"]["LicenseAssignment"][] | null;
            licensesToRemove?: components["schemas"]["Guid"][] | null;
            licenseWarnings?: components["schemas"]["LicenseWarning"][];
            attributes?: components["schemas"]["LicenseUpdateAttributes"];
        };
        /** @description A product the customer has licences of, with its counts (SKUS, LICENCE RESOURCES): `availableUnits` = `totalUnits` − `consumedUnits`; `totalUnits` = `activeUnits` + `warningUnits`. */
        SubscribedSku: {
            availableUnits: number;
            activeUnits?: number;
            consumedUnits: number;
            suspendedUnits?: number;
            totalUnits: number;
            warningUnits?: number;
            productSku: components["schemas"]["ProductSku"];
            servicePlans?: components["schemas"]["ServicePlan"][];
            capabilityStatus?: string;
            attributes: {
                /** @enum {string} */
                objectType: "SubscribedSku";
            };
        };
        /** @description The customer's subscribed SKUs (SKUS); not paged. */
        SubscribedSkuCollection: {
            totalCount: number;
            items: components["schemas"]["SubscribedSku"][];
            attributes: components["schemas"]["CollectionAttributes"];
        };
        /** @description A directory role of the customer's tenant (ROLES). */
        DirectoryRole: {
            id: components["schemas"]["Guid"];
            name: string;
            attributes: {
                /** @enum {string} */
                objectType: "DirectoryRole";
            };
        };
        /** @description Directory roles (ROLES); not paged. */
        DirectoryRoleCollection: {
            totalCount: number;
            items: components["schemas"]["DirectoryRole"][];
            attributes: components["schemas"]["CollectionAttributes"];
        };
        UserMemberAttributes: {
            /** @enum {string} */
            objectType: "UserMember";
        };
        /** @description The user to give the role (ADD ROLE marks all four fields required). */
        UserMemberAdd: {
            id: components["schemas"]["Guid"];
            displayName: components["schemas"]["DisplayName"];
            userPrincipalName: components["schemas"]["UserPrincipalName"];
            attributes: components["schemas"]["UserMemberAttributes"];
        };
        /** @description A user who holds a role (ADD ROLE, USER RESOURCES). */
        UserMember: {
            id: components["schemas"]["Guid"];
            displayName?: components["schemas"]["DisplayName"];
            userPrincipalName?: components["schemas"]["UserPrincipalName"];
            roleId?: components["schemas"]["Guid"];
            attributes: components["schemas"]["UserMemberAttributes"];
        };
        /** @description One page of a role's members; paged like the users list (`continuationToken`, `links.next`). */
        UserMemberCollection: {
            totalCount: number;
            items: components["schemas"]["UserMember"][];
            continuationToken?: string;
            links?: components["schemas"]["CollectionLinks"];
            attributes: components["schemas"]["CollectionAttributes"];
        };
    };
    responses: {
        /** @description Done; no body. */
        NoContent: {
            headers: {
                "MS-RequestId": components["headers"]["MSRequestId"];
                "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The customer tenant (60003) was not found. Source: DOCS `error-codes.md`. */
        CustomerNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Fault"];
            };
        };
        /** @description The request is invalid: a property the server refuses (3000) or bad input (800002). Source: DOCS `error-codes.md`. No source documents the codes for a duplicate UPN or an unknown `usageLocation`. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Fault"];
            };
        };
        /** @description No token, an invalid one, or an App+User token without the MFA claim (900421). Source: DOCS `error-codes.md`, `headers.md`. */
        Unauthorized: {
            headers: {
                /** @description The authentication challenge (DOCS). */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Fault"];
            };
        };
        /** @description No reseller or GDAP relationship with the customer (20002), or the caller's role lacks the rights — also what an app-only token gets (900150). Source: DOCS `error-codes.md`. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Fault"];
            };
        };
        /** @description The user (60002) or the customer tenant (60003) was not found. Source: DOCS `error-codes.md`. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Fault"];
            };
        };
        /** @description Throttled. Counted per partner tenant, or per partner and customer; writes are throttled first. Wait `Retry-After`, then back off exponentially. The body is not a Fault. Source: DOCS `api-throttling-guidance.md`. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Throttled"];
            };
        };
        /** @description An unexpected service error (800003). Source: DOCS `error-codes.md`. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Fault"];
            };
        };
        /** @description The service is busy; retry later, honouring `Retry-After` when given. Source: DOCS `error-codes.md` (which documents no fault code for it: the example is illustrative, and shows the string form of `code`), NET (ServerBusy). */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Fault"];
            };
        };
    };
    parameters: {
        /**
         * @description The customer's tenant id, a GUID.
         *
         *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
         *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
         * @example eebd1b55-5360-4438-a11d-5c06918c3014
         */
        CustomerTenantId: components["schemas"]["Guid"];
        /**
         * @description The user's object id, a GUID.
         *
         *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
         *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
         * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
         */
        UserId: components["schemas"]["Guid"];
        /**
         * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
         *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
         *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
         *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
         *     new id, so a server that replays stored answers by id cannot hand back the old one. The
         *     server makes one up when absent. Source: DOCS `headers.md`, REF.
         *
         *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
         *     means the call was not carried out, so resending it under the same id is the same logical
         *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
         *     recognise a replay if an earlier attempt did get through.
         * @example b1317092-f087-471e-a637-f66523b2b94c
         */
        MSRequestId: components["schemas"]["Guid"];
        /**
         * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
         * @example 8a53b025-d5be-4d98-ab20-229d1813de76
         */
        MSCorrelationId: components["schemas"]["Guid"];
        /**
         * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
         * @example v1
         */
        MSContractVersion: string;
        /**
         * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
         * @example en-US
         */
        XLocale: string;
        /**
         * @description The continuation token of the page before, to get the next one (with `seekOperation=Next`, or as `links.next.headers` give it). Source: PAGING (NET enumerator).
         * @example c2Vla1Rva2VuPTE=
         */
        MSContinuationToken: string;
        /**
         * @description The calling application's name. Source: DOCS `headers.md`.
         * @example partner-center-users
         */
        MSPartnerCenterApplication: string;
        /**
         * @description The licence groups to include, repeated for more than one (`?licenseGroupIds=Group1&licenseGroupIds=Group2`): `Group1`, products whose licences Azure AD manages; `Group2`, Minecraft licences. Without it, `Group1` (LICENCES BY GROUP, SKUS BY GROUP). Answers spell the group in lower case (`group1`).
         * @example [
         *       "Group1",
         *       "Group2"
         *     ]
         */
        LicenseGroupIds: ("Group1" | "Group2")[];
        /**
         * @description The directory role's id, a GUID, as `listCustomerDirectoryRoles` gives it (ROLES; the ids in the examples are Entra role template ids).
         * @example f023fd81-a637-4b56-95fd-791ac0226033
         */
        RoleId: components["schemas"]["Guid"];
    };
    requestBodies: never;
    headers: {
        /**
         * @description Echoes the request's `MS-RequestId` (DOCS `headers.md`; PAGE response example).
         * @example b1317092-f087-471e-a637-f66523b2b94c
         */
        MSRequestId: components["schemas"]["Guid"];
        /**
         * @description Echoes the request's `MS-CorrelationId` (DOCS `headers.md`; PAGE response example).
         * @example 8a53b025-d5be-4d98-ab20-229d1813de76
         */
        MSCorrelationId: components["schemas"]["Guid"];
        /** @description How long to wait before retrying, in seconds (DOCS `api-throttling-guidance.md`). RFC 9110 also allows an HTTP date; clients should accept both. */
        RetryAfter: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listCustomerUsers: {
        parameters: {
            query?: {
                /**
                 * @description The most users on one page. No documented maximum; 100 is the default a user reports, DELETED's example asks for 500 (PAGING). `0` asks for the server's default page size: the .NET SDK sends `size=0` when its caller gives none (NET `GetCustomerUsers` route).
                 * @example 500
                 */
                size?: number;
                /** @description `Next` asks for the page after the one whose continuation token the `MS-ContinuationToken` header carries (PAGING; NET's enumerator sends only `Next`). NET's `SeekOperation` enum also has `Previous`, `First`, `Last` and `PageIndex`: listed in `x-unverified-values`, never seen on the wire for users, so not accepted here. */
                seekOperation?: "Next";
                /**
                 * @description A JSON object, URL-encoded in the query. The one documented filter selects the soft-deleted users: `{"Field":"UserState","Value":"Inactive","Operator":"equals"}` (DELETED; `x-filters.deleted`).
                 * @example {"Field":"UserState","Value":"Inactive","Operator":"equals"}
                 */
                filter?: string;
                /** @description The field to sort the users by (PAGING: the REST reference and NET's `GetCustomerUsers` route list it). No source documents its values, so any is passed on; this client never sends it. A next page keeps the first request's sort: a next link cannot change it (`x-paging.nextLinkQuery` does not list it). */
                sortField?: string;
                /** @description `Ascending` or `Descending` (PAGING: inferred from NET's enum names, not seen on the wire; unverified). This client never sends it; a next page keeps the first request's. */
                sortDirection?: "Ascending" | "Descending";
            };
            header?: {
                /**
                 * @description The continuation token of the page before, to get the next one (with `seekOperation=Next`, or as `links.next.headers` give it). Source: PAGING (NET enumerator).
                 * @example c2Vla1Rva2VuPTE=
                 */
                "MS-ContinuationToken"?: components["parameters"]["MSContinuationToken"];
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of users (LIST, DELETED). */
            200: {
                headers: {
                    "MS-RequestId": components["headers"]["MSRequestId"];
                    "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerUserCollection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["CustomerNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createCustomerUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
            };
            cookie?: never;
        };
        /** @description The new user (CREATE). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerUserCreate"];
            };
        };
        responses: {
            /** @description The new user, with its `id` (CREATE). */
            200: {
                headers: {
                    "MS-RequestId": components["headers"]["MSRequestId"];
                    "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerUser"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["CustomerNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    resetCustomerUserPassword: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordReset"];
            };
        };
        responses: {
            /** @description The user (RESET). */
            200: {
                headers: {
                    "MS-RequestId": components["headers"]["MSRequestId"];
                    "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerUser"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listCustomerUserLicenses: {
        parameters: {
            query?: {
                /**
                 * @description The licence groups to include, repeated for more than one (`?licenseGroupIds=Group1&licenseGroupIds=Group2`): `Group1`, products whose licences Azure AD manages; `Group2`, Minecraft licences. Without it, `Group1` (LICENCES BY GROUP, SKUS BY GROUP). Answers spell the group in lower case (`group1`).
                 * @example [
                 *       "Group1",
                 *       "Group2"
                 *     ]
                 */
                licenseGroupIds?: components["parameters"]["LicenseGroupIds"];
            };
            header?: {
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's licences (LICENCES, LICENCES BY GROUP). */
            200: {
                headers: {
                    "MS-RequestId": components["headers"]["MSRequestId"];
                    "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LicenseCollection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateCustomerUserLicenses: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LicenseUpdate"];
            };
        };
        responses: {
            /** @description The update as applied, with any warnings (ASSIGN). */
            201: {
                headers: {
                    "MS-RequestId": components["headers"]["MSRequestId"];
                    "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LicenseUpdateResult"];
                };
            };
            /** @description The request is invalid (DOCS `error-codes.md`), or the customer has no licence of a SKU left to assign (60012; ASSIGN only: the error-codes page does not list it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listCustomerUserRoles: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's roles (ROLES). */
            200: {
                headers: {
                    "MS-RequestId": components["headers"]["MSRequestId"];
                    "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryRoleCollection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listCustomerSubscribedSkus: {
        parameters: {
            query?: {
                /**
                 * @description The licence groups to include, repeated for more than one (`?licenseGroupIds=Group1&licenseGroupIds=Group2`): `Group1`, products whose licences Azure AD manages; `Group2`, Minecraft licences. Without it, `Group1` (LICENCES BY GROUP, SKUS BY GROUP). Answers spell the group in lower case (`group1`).
                 * @example [
                 *       "Group1",
                 *       "Group2"
                 *     ]
                 */
                licenseGroupIds?: components["parameters"]["LicenseGroupIds"];
            };
            header?: {
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's subscribed SKUs (SKUS, SKUS BY GROUP). */
            200: {
                headers: {
                    "MS-RequestId": components["headers"]["MSRequestId"];
                    "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscribedSkuCollection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["CustomerNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listCustomerDirectoryRoles: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer's roles (ROLES). */
            200: {
                headers: {
                    "MS-RequestId": components["headers"]["MSRequestId"];
                    "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryRoleCollection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["CustomerNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listDirectoryRoleMembers: {
        parameters: {
            query?: {
                /** @description The most members on one page (NET). No documented maximum. */
                size?: number;
                /** @description `Next` asks for the page after the one whose token `MS-ContinuationToken` carries (NET). */
                seekOperation?: "Next";
            };
            header?: {
                /**
                 * @description The continuation token of the page before, to get the next one (with `seekOperation=Next`, or as `links.next.headers` give it). Source: PAGING (NET enumerator).
                 * @example c2Vla1Rva2VuPTE=
                 */
                "MS-ContinuationToken"?: components["parameters"]["MSContinuationToken"];
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The directory role's id, a GUID, as `listCustomerDirectoryRoles` gives it (ROLES; the ids in the examples are Entra role template ids).
                 * @example f023fd81-a637-4b56-95fd-791ac0226033
                 */
                "role-id": components["parameters"]["RoleId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the role's members. */
            200: {
                headers: {
                    "MS-RequestId": components["headers"]["MSRequestId"];
                    "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserMemberCollection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["CustomerNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    addDirectoryRoleMember: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The directory role's id, a GUID, as `listCustomerDirectoryRoles` gives it (ROLES; the ids in the examples are Entra role template ids).
                 * @example f023fd81-a637-4b56-95fd-791ac0226033
                 */
                "role-id": components["parameters"]["RoleId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserMemberAdd"];
            };
        };
        responses: {
            /** @description The new member (ADD ROLE). */
            201: {
                headers: {
                    "MS-RequestId": components["headers"]["MSRequestId"];
                    "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserMember"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    removeDirectoryRoleMember: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The directory role's id, a GUID, as `listCustomerDirectoryRoles` gives it (ROLES; the ids in the examples are Entra role template ids).
                 * @example f023fd81-a637-4b56-95fd-791ac0226033
                 */
                "role-id": components["parameters"]["RoleId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["NoContent"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCustomerUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user (GET). */
            200: {
                headers: {
                    "MS-RequestId": components["headers"]["MSRequestId"];
                    "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerUser"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteCustomerUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["NoContent"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateCustomerUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A GUID for this request, the idempotency key: **one id per logical call**, reused by every
                 *     attempt of it — after a timeout, a network failure, a 429 or a 503 alike — and by any later
                 *     resend of a call whose outcome is unknown (no answer came: a timeout, a crash, kill -9). Once
                 *     a call has its answer (a 200, a 404, a 500 after the retries), a resend is a new call with a
                 *     new id, so a server that replays stored answers by id cannot hand back the old one. The
                 *     server makes one up when absent. Source: DOCS `headers.md`, REF.
                 *
                 *     **Departs from DOCS' wording** "after any response use a new one": a 429 or 503 answer
                 *     means the call was not carried out, so resending it under the same id is the same logical
                 *     call (the .NET SDK keeps the id across its retries too), and it is what lets the server
                 *     recognise a replay if an earlier attempt did get through.
                 * @example b1317092-f087-471e-a637-f66523b2b94c
                 */
                "MS-RequestId"?: components["parameters"]["MSRequestId"];
                /**
                 * @description A GUID that traces a call or a group of calls. Source: DOCS `headers.md`.
                 * @example 8a53b025-d5be-4d98-ab20-229d1813de76
                 */
                "MS-CorrelationId"?: components["parameters"]["MSCorrelationId"];
                /**
                 * @description The API contract version, e.g. `v1`. DOCS `headers.md` calls it required; NET never sends it and the server accepts its absence, so it is optional here (NET followed).
                 * @example v1
                 */
                "MS-Contract-Version"?: components["parameters"]["MSContractVersion"];
                /**
                 * @description The language of returned text, e.g. `en-US`. Source: DOCS `headers.md`.
                 * @example en-US
                 */
                "X-Locale"?: components["parameters"]["XLocale"];
                /**
                 * @description The calling application's name. Source: DOCS `headers.md`.
                 * @example partner-center-users
                 */
                "MS-PartnerCenter-Application"?: components["parameters"]["MSPartnerCenterApplication"];
            };
            path: {
                /**
                 * @description The customer's tenant id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" that "allows the reseller to filter
                 *     the results" (copied from a list page); it is a path parameter that names the customer (REF).
                 * @example eebd1b55-5360-4438-a11d-5c06918c3014
                 */
                "customer-tenant-id": components["parameters"]["CustomerTenantId"];
                /**
                 * @description The user's object id, a GUID.
                 *
                 *     **Departs from PAGE:** PAGE calls it a "query parameter" and leaves it out of its
                 *     request-syntax table; it is a path parameter (PAGE's own example, NET, REF).
                 * @example 4b10bf41-ab11-40e3-8c53-cd67849b50de
                 */
                "user-id": components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * @description A partial CustomerUser: only the fields to change (PAGE's example sends only
         *     `usageLocation` and `attributes`).
         *
         *     **Departs from PAGE:** PAGE's request example has no `Content-Type`; a body needs
         *     `Content-Type: application/json` (DOCS restore example).
         */
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerUserPatch"];
            };
        };
        responses: {
            /** @description The whole updated user (PAGE, REF). */
            200: {
                headers: {
                    "MS-RequestId": components["headers"]["MSRequestId"];
                    "MS-CorrelationId": components["headers"]["MSCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerUser"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
