package org.sanfu.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.sanfu.web.ApiAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** /admin's 上线检查 over the API (ADMIN, SecurityConfig). */
@RestController
@Tag(name = "Administration", description = "管理: what a county still lacks before its office can run")
class ReadinessController {

    private final Readiness readiness;

    ReadinessController(Readiness readiness) {
        this.readiness = readiness;
    }

    @Operation(summary = "The readiness checklist (上线检查)", description = "Each check ready, or what it misses by "
            + "code: DEPARTMENT_ACCOUNTS the handling departments without an enabled DEPT account; ROLE_ACCOUNTS "
            + "DISPATCH and LEADER without an enabled account; CHANNEL_SECRET_KEY `sanfu.channels.secret-key` when a "
            + "live channel exists without it (callback secrets kept unencrypted), once it is set the codes of the live "
            + "channels created before it, until their key is renewed; HOLIDAY_CALENDAR the years lacking the "
            + "State Council's notice (this year missing or provisional, next year missing, or provisional from "
            + "December 1); DEMO_ACCOUNTS "
            + "`spring.profiles.active` while the demo profile is active, then the enabled demo accounts still signing "
            + "in with the demo password. `ready` when all are.")
    @ApiAccess(value = "ADMIN", errors = {403})
    @GetMapping("/api/admin/readiness")
    Readiness.Report readiness() {
        return readiness.check();
    }
}
