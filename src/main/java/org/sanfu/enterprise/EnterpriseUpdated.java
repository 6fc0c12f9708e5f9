package org.sanfu.enterprise;

/** Published when an existing enterprise's file changes, so that copies of its name and town follow. */
public record EnterpriseUpdated(String creditCode, String name, String town) {
}
