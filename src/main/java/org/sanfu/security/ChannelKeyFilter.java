package org.sanfu.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.sanfu.Typed;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a channel in by its {@code X-Channel-Key} header, in the API's chain before HTTP Basic: a live
 * key makes the request the channel's (authority ROLE_CHANNEL, which SecurityConfig lets into
 * /api/intake/** only: anywhere else it is 403); a wrong, blank or revoked key is 401 at once, whatever else
 * the request carries, answered by {@code refused} (which says the key is refused, not to sign in with Basic).
 * A request without the header is left to HTTP Basic.
 */
final class ChannelKeyFilter extends OncePerRequestFilter {

    private final ChannelKeys keys;
    private final AuthenticationEntryPoint refused;

    ChannelKeyFilter(ChannelKeys keys, AuthenticationEntryPoint refused) {
        this.keys = keys;
        this.refused = refused;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(ChannelKeys.HEADER);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        // a secret: only its ends are cleaned (a no-break space copied with it from a document); never folded, since
        // only the exact string issued is the key
        Optional<String> channel = Typed.blank(key) ? Optional.empty() : keys.channelOf(Typed.trimmed(key));
        if (channel.isEmpty()) {
            SecurityContextHolder.clearContext();
            refused.commence(request, response, new BadCredentialsException("unknown or revoked channel key"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ChannelAuthentication(new MachineClient(channel.get())));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    /** A channel's sign-in: authenticated, with the channel as principal and no credentials kept. */
    static final class ChannelAuthentication extends AbstractAuthenticationToken {

        private final MachineClient client;

        ChannelAuthentication(MachineClient client) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + MachineClient.ROLE)));
            this.client = client;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return client;
        }

        @Override
        public String getName() {
            return "channel:" + client.channel();
        }
    }
}
