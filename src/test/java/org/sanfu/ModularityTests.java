package org.sanfu;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each top-level package is a module: no cycles, and no reaching into another module's internals. */
class ModularityTests {

    @Test
    void modulesDependOnEachOtherOnlyThroughTheirPublicTypesAndWithoutCycles() {
        ApplicationModules.of(SanfuApplication.class).verify();
    }
}
