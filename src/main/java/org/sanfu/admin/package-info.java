/**
 * The administrators' page, {@code /admin} (ADMIN only, docs/UI.md): accounts (through the security
 * module's AccountAdministration), the enterprise CSV import as an upload (the enterprise module's
 * EnterpriseImport, as the API), the years of the holiday calendar on file (the calendar module), the channels, the
 * readiness checklist that asks each of those modules what the county still lacks ({@code GET /api/admin/readiness}
 * too), and 工作交接 (HandingOverWork, the page's form and {@code POST /api/accounts/{username}/handover}): a
 * specialist's enterprises and open reported tickets to another, each through its own module's service. A module of
 * its own because it gathers them: in the security module the page would make security depend on enterprise, which
 * depends on security.
 */
package org.sanfu.admin;
