/**
 * The administrators' page, {@code /admin} (ADMIN only, docs/UI.md): accounts (through the security
 * module's AccountAdministration), the enterprise CSV import as an upload (the enterprise module's
 * EnterpriseImport, as the API), and the years of the holiday calendar on file (the calendar module).
 * A module of its own because it gathers those three: in the security module the page would make
 * security depend on enterprise, which depends on security.
 */
package org.sanfu.admin;
