package org.sanfu.operations;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.AccountDirectory;
import org.springframework.stereotype.Component;

/**
 * Puts {@link AccountIdentityProvider} in place of Camunda's own user tables (the starter applies
 * every ProcessEnginePlugin bean). Camunda's identity is then read-only: accounts are Sanfu's to
 * manage, and Camunda's Admin app shows them without offering to edit them.
 */
@Component
class AccountIdentity extends AbstractProcessEnginePlugin {

    private final AccountIdentityProvider provider;

    AccountIdentity(AccountDirectory accounts, Catalog catalog) {
        this.provider = new AccountIdentityProvider(accounts, catalog);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return ReadOnlyIdentityProvider.class;
            }

            @Override
            public Session openSession() {
                return provider;
            }
        });
    }
}
