/**
 * The workbench's home page, {@code /work}: each signed-in user's work of the moment, gathered from
 * the ticket and visit modules. The other pages sit with their features (ticket.web, visit.web, ...);
 * their shared layout is templates/layout.html.
 */
package org.sanfu.workbench;
