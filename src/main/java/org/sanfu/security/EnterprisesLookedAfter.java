package org.sanfu.security;

/**
 * How many enterprises name an account their 驻企服务专员 ({@code specialist}): the enterprise module counts them
 * (EnterpriseService), which knows accounts, so the account API asks through this rather than depending on it.
 */
public interface EnterprisesLookedAfter {

    /** The enterprises whose specialist is this user name. */
    long countLookedAfterBy(String username);
}
