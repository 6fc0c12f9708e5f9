package org.sanfu.operations;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * A second instance started on the port of one already running found it in use only when its web server opened, once
 * it had connected to the database, run the migrations, started the engine and rebuilt the search index: some 50 s
 * before the operator read why. So the port (server.address:server.port, as the
 * web server will bind it) is tried when the environment is ready and let go at once: in use, the start stops with the
 * web server's own refusal, which operations.FailedStart's line names ("Port 8080 is already in use"). Nothing is
 * tried without a web server, nor for port 0 (any free one) or a negative one (none: the generator, the tests' mock
 * web environment). The port may still be taken in the seconds until the web server binds it: that start fails as
 * before. Registered in META-INF/spring.factories.
 */
public class PortInUseCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** Spring Boot's web server's own, when server.port is not set. */
    private static final int DEFAULT_PORT = 8080;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (event.getSpringApplication().getWebApplicationType() == WebApplicationType.NONE) {
            return;
        }
        Binder settings = Binder.get(event.getEnvironment());
        int port = settings.bind("server.port", Integer.class).orElse(DEFAULT_PORT);
        if (port <= 0) {
            return;
        }
        InetAddress address;
        try {
            address = settings.bind("server.address", String.class).map(PortInUseCheck::resolved).orElse(null);
        } catch (IllegalArgumentException unresolved) {
            return; // the web server names an address it cannot bind itself
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(address, port));
        } catch (BindException inUse) {
            throw new PortInUseException(port, inUse);
        } catch (IOException other) {
            // not a port in use (no permission for a port under 1024, an address not of this machine): the web
            // server's own attempt says what it is, as before
        }
    }

    private static InetAddress resolved(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** After the logging is set up, and after the checks of the settings (DemoProfileCheck and others). */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 3;
    }
}
