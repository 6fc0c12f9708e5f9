/**
 * The operators' kit: Sanfu's accounts as Camunda's identity, and the bridge that lets the
 * signed-in ADMIN into Camunda's web apps and engine REST API without a second login, and the
 * gate that lets an operator read everything there but change only what incidents need; and the
 * commands run while the service is stopped ({@code --rebuild-figures}).
 */
package org.sanfu.operations;
